using Microsoft.AspNetCore.Mvc;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Jobs;

namespace WealthActors.Silo.Apis;

public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/jobs").DeclaresPipelineProblems().WithTags("Jobs");
        group.MapPost("/{name}/run", Run).RequireAuthorization(AuthHostingExtensions.Policies.AdminOnly)
            .Produces<JobRunResult>().ProducesProblems(404);
        return routes;
    }

    /// <summary>Runs the named job now, in this process, and answers when it has finished.</summary>
    private static async Task<IResult> Run(string name, [FromServices] JobRunners runners, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (runners.Find(name) is not { } runner)
        {
            return TypedResults.Problem(statusCode: 404, title: $"No job is named '{name}'.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = new Dictionary<string, string[]> { ["name"] = [$"is not a job; the jobs are {string.Join(", ", runners.Names.Order(StringComparer.Ordinal))}."] },
                });
        }

        return TypedResults.Ok(await runner.RunAsync(clock.GetUtcNow(), cancellationToken));
    }
}
