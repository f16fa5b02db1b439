using WealthActors.Care;
using WealthActors.Grains.Care;
using WealthActors.ReadModel;
using WealthActors.Silo.Care;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>The care scans of <see cref="CareScanSql"/>, over the in-memory rows, with the same anti-joins.</summary>
internal sealed partial class InMemoryReadModel : ICareScanQueries
{
    private readonly Dictionary<string, HoldingRow[]> _holdings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CareOccurrence> _occurrences = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<CareCandidate>> BirthdayCandidates(DateOnly today, int leadDays, ClientTier minTier, CancellationToken cancellationToken = default)
    {
        var days = CareWindows.BirthdayMonthDays(today, leadDays).ToHashSet();
        return Scan(CareRuleNames.Birthday, (row, recorded) =>
            row.Birthday is { } birthday && days.Contains((birthday.Month, birthday.Day)) && (row.Tier >= minTier || row.Vip)
            && !recorded.Any(o => o.OccurrenceOn >= today)
                ? [Candidate(row, null) with { Birthday = row.Birthday }]
                : []);
    }

    public Task<IReadOnlyList<CareCandidate>> MaturityCandidates(DateOnly today, IReadOnlyList<int> stageDays, CancellationToken cancellationToken = default)
    {
        var until = today.AddDays(stageDays.Max());
        return Scan(CareRuleNames.Maturity, (row, recorded) => HoldingsOf(row.ClientId)
            .Where(h => h.MaturityDate is { } date && date >= today && date <= until)
            .Where(h => !recorded.Any(o => o.Detail == h.ProductCode && o.OccurrenceOn == h.MaturityDate
                                           && o.Stage == CareWindows.MaturityStage(h.MaturityDate!.Value, today, stageDays)))
            .OrderBy(h => h.ProductCode, StringComparer.Ordinal)
            .Select(h => Candidate(row, h)));
    }

    public Task<IReadOnlyList<CareCandidate>> DormancyCandidates(DateTimeOffset contactBefore, CancellationToken cancellationToken = default) =>
        Scan(CareRuleNames.Dormancy, (row, recorded) =>
            (row.LastInteractionAt ?? row.ClientSince) is { } contact && contact <= contactBefore
            && !recorded.Any(o => o.ContactAt >= contact)
                ? [Candidate(row, null)]
                : []);

    public Task<IReadOnlyList<CareCandidate>> RiskExpiryCandidates(DateOnly today, int days, CancellationToken cancellationToken = default) =>
        Scan(CareRuleNames.RiskExpiry, (row, recorded) =>
            row.RiskExpiresOn is { } expires && expires >= today && expires <= today.AddDays(days)
            && !recorded.Any(o => o.OccurrenceOn == expires)
                ? [Candidate(row, null)]
                : []);

    public Task RecordOccurrences(IReadOnlyList<CareOccurrence> occurrences, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var occurrence in occurrences)
            {
                _occurrences.TryAdd(occurrence.Key, occurrence with
                {
                    ContactAt = occurrence.ContactAt?.ToUniversalTime(),
                    RecordedAt = occurrence.RecordedAt.ToUniversalTime(),
                });
            }
        }

        return Task.CompletedTask;
    }

    private Task<IReadOnlyList<CareCandidate>> Scan(string rule, Func<ClientRow, IReadOnlyList<CareOccurrence>, IEnumerable<CareCandidate>> select)
    {
        lock (_lock)
        {
            var recordedByClient = _occurrences.Values.Where(o => o.Rule == rule).ToLookup(o => o.ClientId, StringComparer.Ordinal);
            IReadOnlyList<CareCandidate> rows = _clients.Values
                .OrderBy(row => row.ClientId, StringComparer.Ordinal)
                .SelectMany(row => select(row, recordedByClient[row.ClientId].ToList()))
                .ToList();
            return Task.FromResult(rows);
        }
    }

    private HoldingRow[] HoldingsOf(string clientId) => _holdings.GetValueOrDefault(clientId) ?? [];

    // Without the birthday, which only the birthday scan carries (CareCandidate).
    private CareCandidate Candidate(ClientRow row, HoldingRow? holding) => new(
        row.ClientId, row.Name, row.BranchId, row.AdvisorId, row.Tier, row.Vip, row.Aum, null, row.RiskExpiresOn,
        row.LastInteractionAt, row.LastInteractionAt ?? row.ClientSince, row.OpenComplaints, HoldingsOf(row.ClientId).Length, holding);
}
