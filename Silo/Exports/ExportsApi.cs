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
    /// <summary>Rows of one export when no limit is asked: all the read model answers (it answers at most <see cref="ReadModelLimit"/>).</summary>
    public const int ReadModelLimit = 1000;

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/complaints/export", Complaints).WithTags("Complaints")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .WithMetadata(new AuditedRead("complaint.export", "complaint"));
        routes.MapGet("/api/clients/export", Clients).WithTags("Clients")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .WithMetadata(new AuditedRead("client.export", "client"));
        return routes;
    }

    private static async Task<IResult> Complaints(
        HttpContext http, IGrainFactory grains, IReadModelQueries readModel,
        string? branchId, ComplaintStatus? status, SlaState? slaState, string? assignee, int? limit)
    {
        var v = new RequestValidation()
            .Id(branchId, "branchId", required: false)
            .Id(assignee, "assignee", required: false)
            .Check(limit is null or (>= 1 and <= ReadModelLimit), "limit", $"must be between 1 and {ReadModelLimit}.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var scope = await CallerAccess.Scope(http, grains);
        var rows = await readModel.ListComplaints(
            new ComplaintFilter(branchId, status, slaState, assignee, Limit: limit ?? ReadModelLimit, Scope: scope), http.RequestAborted);
        return XlsxDownload.Of("complaint-register.xlsx", rows.Select(ComplaintRegisterRow.From));
    }

    /// <summary>As <c>GET /api/clients?q=</c>; without <c>q</c>, every client the caller reaches.</summary>
    private static async Task<IResult> Clients(
        string? q, int? limit, HttpContext http, IGrainFactory grains, IReadModelQueries readModel, MaskingRules masking)
    {
        var v = new RequestValidation()
            .Optional(q, "q", 100)
            .Check(limit is null or (>= 1 and <= ReadModelLimit), "limit", $"must be between 1 and {ReadModelLimit}.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var rows = await readModel.SearchClients((q ?? "").Trim(), limit ?? ReadModelLimit, await CallerAccess.Scope(http, grains), http.RequestAborted);
        var mask = await CallerMask.Of(http, grains, masking);
        return XlsxDownload.Of("clients.xlsx", rows.Select(r => ClientListRow.From(r, mask)));
    }
}
