using WealthActors.Privacy;
using WealthActors.ReadModel;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Privacy;

namespace WealthActors.Silo.Exports;

/// <summary>
/// The complaint register and the client list as .xlsx: the same filters, the same caller scope and the same masking
/// as their JSON lists, read from the read model (never a grain per row). Both hold personal data, so each download is
/// an audited read.
/// </summary>
public static class ExportsApi
{
    /// <summary>The most rows one export holds: a worksheet's rows, less its header.</summary>
    public const int MaxRows = 1_048_575;

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/complaints/export", Complaints).DeclaresPipelineProblems().WithTags("Complaints")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .WithMetadata(new AuditedRead("complaint.export", "complaint"))
            .ProducesXlsx().ProducesProblems(400);
        routes.MapGet("/api/clients/export", Clients).DeclaresPipelineProblems().WithTags("Clients")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .WithMetadata(new AuditedRead("client.export", "client"))
            .ProducesXlsx().ProducesProblems(400);
        return routes;
    }

    private static async Task<IResult> Complaints(
        HttpContext http, IGrainFactory grains, IReadModelQueries readModel, TimeProvider clock,
        string? branchId, ComplaintStatus? status, SlaState? slaState, string? assignee, int? limit)
    {
        var v = new RequestValidation()
            .Id(branchId, "branchId", required: false)
            .Id(assignee, "assignee", required: false)
            .Check(limit is null or (>= 1 and <= MaxRows), "limit", $"must be between 1 and {MaxRows}.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        // The cases received before the download began, newest first: a case opened meanwhile is not in this register,
        // so it cannot shift the pages that follow.
        var filter = new ComplaintFilter(branchId, status, slaState, assignee, Scope: await CallerAccess.Scope(http, grains),
            Opened: new TimeRange(DateTimeOffset.MinValue, clock.GetUtcNow()), Order: ComplaintOrder.Newest);
        var rows = ReadModelPages.All(
            (offset, count, cancellation) => readModel.ListComplaints(filter with { Offset = offset, Limit = count }, cancellation),
            limit ?? MaxRows, http.RequestAborted);
        return XlsxDownload.Of("complaint-register.xlsx", rows.Select(ComplaintRegisterRow.From));
    }

    /// <summary>
    /// As <c>GET /api/clients?q=</c> (a search answers at most a page, its best matches); without <c>q</c>, every client
    /// the caller reaches, by name.
    /// </summary>
    private static async Task<IResult> Clients(
        string? q, int? limit, HttpContext http, IGrainFactory grains, IReadModelQueries readModel, IReportQueries book, MaskingRules masking)
    {
        var v = new RequestValidation()
            .Optional(q, "q", 100)
            .Check(limit is null or (>= 1 and <= MaxRows), "limit", $"must be between 1 and {MaxRows}.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var scope = await CallerAccess.Scope(http, grains);
        var rows = string.IsNullOrWhiteSpace(q)
            ? ReadModelPages.All(
                (offset, count, cancellation) => book.ListClients(new ClientFilter(Scope: scope, Limit: count, Offset: offset), cancellation),
                limit ?? MaxRows, http.RequestAborted)
            : await readModel.SearchClients(q.Trim(), Math.Min(limit ?? ReadModelPages.PageSize, ReadModelPages.PageSize), scope, http.RequestAborted);
        var mask = await CallerMask.Of(http, grains, masking);
        return XlsxDownload.Of("clients.xlsx", rows.Select(r => ClientListRow.From(r, mask)));
    }
}
