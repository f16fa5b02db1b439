using System.Globalization;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>One entry of the audit trail as the API shows it.</summary>
public sealed record AuditEntryResponse(
    string ChainId, long Sequence, DateTimeOffset At, string? EmployeeId, string? KeyName, string? Door, string Channel,
    string? ClientAddress, string Action, string? TargetType, string? TargetId, string Outcome, string? Digest,
    string Algorithm, string PreviousHash, string Hash)
{
    public static AuditEntryResponse From(AuditEntry e) => new(
        e.ChainId, e.Sequence, e.At, e.Record.EmployeeId, e.Record.KeyName, e.Record.Door, e.Record.Channel, e.Record.ClientAddress,
        e.Record.Action, e.Record.TargetType, e.Record.TargetId, e.Record.Outcome, e.Record.Digest, e.Algorithm, e.PreviousHash, e.Hash);
}

/// <summary>A page of entries; <paramref name="Next"/> (the <c>after</c> of the next page) is null on the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Entries, string? Next);

/// <summary>
/// Compliance reads the audit trail: a page at a time, or all matching entries as CSV. Nothing here changes or removes an
/// entry, and each read is itself an entry (<see cref="AuditedRead"/>), refusals included.
/// </summary>
public static class AuditApi
{
    /// <summary>Keys with the Compliance role only.</summary>
    public const string Policy = "audit";

    private const int ExportPage = 1000;

    private static readonly string[] CsvHeader =
    [
        "at", "chain_id", "sequence", "employee_id", "key_name", "door", "channel", "client_address", "action", "target_type",
        "target_id", "outcome", "digest", "algorithm", "previous_hash", "hash",
    ];

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/audit").DeclaresPipelineProblems().WithTags("Audit").RequireAuthorization(Policy);
        group.MapGet("/", List).WithMetadata(new AuditedRead("audit.read", "audit")).Produces<AuditPage>().ProducesProblems(400);
        group.MapGet("/export", Export).WithMetadata(new AuditedRead("audit.export", "audit"))
            .ProducesFile("text/csv").ProducesProblems(400);
        return routes;
    }

    private static async Task<IResult> List(HttpRequest request, IAuditStore store, CancellationToken cancellationToken)
    {
        var (query, v) = AuditQueryParameters.Parse(request.Query);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var entries = await store.QueryAsync(query, cancellationToken);
        var next = entries.Count == query.Limit ? AuditQueryParameters.EncodeCursor(AuditCursor.Of(entries[^1])) : null;
        return TypedResults.Ok(new AuditPage([.. entries.Select(AuditEntryResponse.From)], next));
    }

    /// <summary>Streams every matching entry (or the first <c>limit</c>), reading a thousand at a time.</summary>
    private static IResult Export(HttpRequest request, IAuditStore store)
    {
        var (query, v) = AuditQueryParameters.Parse(request.Query, defaultLimit: int.MaxValue, maxLimit: int.MaxValue);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, AuditCsv.Encoding, bufferSize: 64 * 1024, leaveOpen: true);
            await writer.WriteAsync(AuditCsv.Row(CsvHeader));
            var left = query.Limit;
            var page = query with { Limit = Math.Min(ExportPage, left) };
            while (left > 0)
            {
                var entries = await store.QueryAsync(page, request.HttpContext.RequestAborted);
                foreach (var entry in entries)
                {
                    await writer.WriteAsync(AuditCsv.Row(Cells(entry)));
                }

                left -= entries.Count;
                if (entries.Count < page.Limit)
                {
                    break;
                }

                page = page with { After = AuditCursor.Of(entries[^1]), Limit = Math.Min(ExportPage, left) };
            }
        }, "text/csv; charset=utf-8", "audit.csv");
    }

    private static IEnumerable<string?> Cells(AuditEntry e)
    {
        var r = e.Record;
        return
        [
            AuditCanonicalForm.Instant(e.At), e.ChainId, e.Sequence.ToString(CultureInfo.InvariantCulture), r.EmployeeId, r.KeyName, r.Door,
            r.Channel, r.ClientAddress, r.Action, r.TargetType, r.TargetId, r.Outcome, r.Digest, e.Algorithm, e.PreviousHash, e.Hash,
        ];
    }
}
