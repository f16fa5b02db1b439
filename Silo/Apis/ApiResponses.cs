using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using WealthActors.Silo.Security;

namespace WealthActors.Silo.Apis;

/// <summary>
/// What the OpenAPI document says each operation answers. A route declares its success and the problems its own code
/// answers (<see cref="ProducesProblems"/>); the problems of the pipeline around every handler are declared once, by
/// <see cref="DeclaresPipelineProblems{TBuilder}"/>, from the same endpoint metadata that switches that behaviour on.
/// Every problem is described by the problem-details schema, as <c>application/problem+json</c>.
/// </summary>
public static class ApiResponses
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>The problems this operation's own code answers: 400 (a field named), 403, 404, 409, 415, 410...</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(Problem(status));
        }

        return builder;
    }

    /// <summary>A download (a file, a stream of CSV or a workbook) as the operation's success: bytes of one of <paramref name="contentTypes"/>.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentTypes[0], contentTypes[1..]);

    /// <summary>
    /// Declares, on every endpoint mapped by <paramref name="builder"/> (a route, or an API's own group), the problems
    /// the pipeline answers before or after its handler: 401/403 where authorization is required, 400/413 where a body is read, 429 where a rate limit
    /// applies, 500 for a fault no rule foresaw and 503 where the cluster or the audit trail cannot serve the request now.
    /// </summary>
    public static TBuilder DeclaresPipelineProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        // Finally: after the routes' own conventions, which add the authorization, rate limiting and body metadata.
        builder.Finally(endpoint =>
        {
            var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            var path = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText;
            foreach (var status in PipelineProblems(endpoint.Metadata, path).Where(declared.Add))
            {
                endpoint.Metadata.Add(Problem(status));
            }
        });
        return builder;
    }

    /// <summary>The statuses the pipeline may answer for an endpoint with <paramref name="metadata"/> at <paramref name="routePattern"/>.</summary>
    internal static IEnumerable<int> PipelineProblems(IList<object> metadata, string? routePattern)
    {
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            yield return StatusCodes.Status401Unauthorized;
            yield return StatusCodes.Status403Forbidden;
        }

        if (metadata.OfType<IAcceptsMetadata>().Any() || metadata.OfType<BodySizeLimit>().Any())
        {
            // A body that cannot be read (ApiProblems names the field) or that is over the limit (RejectOversizedBodies).
            yield return StatusCodes.Status400BadRequest;
            yield return StatusCodes.Status413PayloadTooLarge;
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any() || ApiRateLimits.Applies("/" + (routePattern ?? "").TrimStart('/')))
        {
            yield return StatusCodes.Status429TooManyRequests;
        }

        // A fault no rule foresaw (a sealed record whose key left the ring), answered by the exception handler.
        yield return StatusCodes.Status500InternalServerError;

        // A grain whose silo just died (ApiProblems), or an audit trail that cannot commit (AuditMiddleware).
        yield return StatusCodes.Status503ServiceUnavailable;
    }

    private static ProducesResponseTypeMetadata Problem(int status) => status == StatusCodes.Status400BadRequest
        ? new ProducesResponseTypeMetadata(status, typeof(HttpValidationProblemDetails), [ProblemJson])
        : new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), [ProblemJson]);
}
