using WealthActors.Permissions;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>
/// The end every case command route shares (complaints, service requests, tasks): invalid fields are a 400 naming them;
/// a person must have the case within reach to change it (else the case's 404, as for a case they cannot see); then
/// the command runs and its result is answered.
/// </summary>
internal static class CaseCommandEndpoint
{
    public static async Task<IResult> Run<TGrain, TView, TResponse>(
        HttpContext http, IGrainFactory grains, string id, RequestValidation v, string notFound,
        Func<TGrain, Task<TView>> current, Func<TView, (string BranchId, string? Assignee)> reachOf, Func<TGrain, Task<TView>> run,
        Func<TView, TResponse> respond)
        where TGrain : IGrainWithStringKey
    {
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var grain = grains.GetGrain<TGrain>(id);
        if (CallerAccess.IsPerson(http))
        {
            var (branchId, assignee) = reachOf(await current(grain));
            await CallerAccess.Require(http, grains, Access.Write, notFound, branchId, assignee);
        }

        return TypedResults.Ok(respond(await run(grain)));
    }

    /// <summary>
    /// The problems a case command route answers besides the pipeline's: its fields (400), an unknown command or a case
    /// that does not exist or is out of reach (404), a command the case's state does not allow (409).
    /// </summary>
    public static RouteHandlerBuilder ProducesCaseCommandProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
