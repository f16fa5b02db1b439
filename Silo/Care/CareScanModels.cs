using WealthActors.ReadModel;

namespace WealthActors.Silo.Care;

/// <summary>
/// A client (and, for the maturity scan, one of its holdings) found by a care scan, with the profile summary the task
/// shows. <see cref="LastContactAt"/> is the last interaction, or becoming a client when there was none.
/// <see cref="Birthday"/> is sealed at rest, so only the birthday scan, which needs it, opens and carries it.
/// </summary>
public sealed record CareCandidate(
    string ClientId,
    string Name,
    string BranchId,
    string AdvisorId,
    ClientTier Tier,
    bool Vip,
    decimal Aum,
    DateOnly? Birthday,
    DateOnly? RiskExpiresOn,
    DateTimeOffset? LastInteractionAt,
    DateTimeOffset? LastContactAt,
    int OpenComplaints,
    int Holdings,
    HoldingRow? Holding);

/// <summary>
/// A delivered care occurrence, as recorded in the ledger. <see cref="OccurrenceOn"/> is the birthday's, maturity's or
/// expiry's date; <see cref="Detail"/> and <see cref="Stage"/> the product and stage of a maturity;
/// <see cref="ContactAt"/> the last contact a dormancy warning was about.
/// </summary>
public sealed record CareOccurrence(
    string Key,
    string Rule,
    string ClientId,
    DateOnly? OccurrenceOn,
    string? Detail,
    int? Stage,
    DateTimeOffset? ContactAt,
    DateTimeOffset RecordedAt);

/// <summary>
/// The care scans over the read model's indexes (never activating client grains), each skipping the occurrences
/// already recorded, and the ledger they consult.
/// </summary>
public interface ICareScanQueries
{
    /// <summary>Clients of <paramref name="minTier"/> or above whose birthday is celebrated from today to today + lead days.</summary>
    Task<IReadOnlyList<CareCandidate>> BirthdayCandidates(DateOnly today, int leadDays, ClientTier minTier, CancellationToken cancellationToken = default);

    /// <summary>Holdings maturing from today to today + the largest stage whose current stage is not recorded.</summary>
    Task<IReadOnlyList<CareCandidate>> MaturityCandidates(DateOnly today, IReadOnlyList<int> stageDays, CancellationToken cancellationToken = default);

    /// <summary>Clients whose last contact is at or before <paramref name="contactBefore"/> and not yet warned about.</summary>
    Task<IReadOnlyList<CareCandidate>> DormancyCandidates(DateTimeOffset contactBefore, CancellationToken cancellationToken = default);

    /// <summary>Clients whose risk assessment expires from today to today + <paramref name="days"/>.</summary>
    Task<IReadOnlyList<CareCandidate>> RiskExpiryCandidates(DateOnly today, int days, CancellationToken cancellationToken = default);

    /// <summary>Records delivered occurrences; a key recorded before is left as it is.</summary>
    Task RecordOccurrences(IReadOnlyList<CareOccurrence> occurrences, CancellationToken cancellationToken = default);
}
