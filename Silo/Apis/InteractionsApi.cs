using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Permissions;
using WealthActors.ReadModel;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>
/// A client's whole interaction history a page at a time, from the read model (the client's grain keeps only the
/// latest). Who may read it is who may read the client: anyone else is told the client does not exist.
/// </summary>
public static class InteractionsApi
{
    /// <summary>The audit action of a read of a client's interaction history: its notes are personal data, shown whole.</summary>
    public const string ReadAction = "client.read-interactions";

    internal const int MaxLimit = 200;
    private const int DefaultLimit = 50;

    public static IEndpointRouteBuilder MapInteractionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/clients/{clientId}/interactions", Page).DeclaresPipelineProblems()
            .WithTags("Clients")
            .RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<InteractionPage>().ProducesProblems(400, 404);
        return routes;
    }

    private static async Task<IResult> Page(
        string clientId, string? before, int? limit, HttpContext http, IGrainFactory grains, IReadModelQueries readModel, IAuditTrail audit)
    {
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Check(limit is null or (>= 1 and <= MaxLimit), "limit", $"must be between 1 and {MaxLimit}.")
            .Check(InteractionCursorText.TryParse(before, out var cursor), "before", "is not the 'next' of an earlier page.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        // Reading the client first activates it, which brings its history up to date, and checks the caller's reach.
        var profile = (await grains.GetGrain<IClientGrain>(clientId).GetView()).Profile;
        await CallerAccess.Require(http, grains, Access.Read, ClientsApi.NotFound(clientId), profile.BranchId, profile.AdvisorId);

        var take = limit ?? DefaultLimit;
        var rows = await readModel.InteractionHistory(clientId, cursor, take);
        var next = rows.Count == take ? InteractionCursorText.Format(InteractionCursor.After(rows[^1])) : null;

        // Committed before the notes leave, as an unmasked client read is.
        await audit.AppendAsync(HttpAuditRecords.For(
            http, new AuditTarget(ReadAction, "client", clientId), "200", AuditDigests.Of(http.Request.QueryString.Value ?? "")));
        return TypedResults.Ok(new InteractionPage([.. rows.Select(InteractionItem.From)], next));
    }
}

/// <summary>One logged interaction with its number.</summary>
public sealed record InteractionItem(long Seq, InteractionKind Kind, DateTimeOffset At, string EmployeeId, string Note)
{
    public static InteractionItem From(InteractionRow row) => new(row.Seq, row.Kind, row.At, row.EmployeeId, row.Note);
}

/// <summary>A page of a client's interactions, newest first; <see cref="Next"/> is the <c>before</c> of the next page (null: the last).</summary>
public sealed record InteractionPage(IReadOnlyList<InteractionItem> Interactions, string? Next);
