using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace WealthActors.Silo.Apis;

/// <summary>
/// Turns rule violations and unreadable requests into problem details: domain exceptions from grains map to their
/// 4xx, a JSON body that cannot be read names the offending field from the parser's path, and a grain that is briefly
/// unreachable during a fail-over is a 503 with Retry-After.
/// </summary>
public sealed class ApiProblems(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, field) = Map(exception);
        if (status == 0)
        {
            return false;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "2";
        }

        httpContext.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [title] };
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>"$.items[0].amount" → "items[0].amount"; the root itself is "body".</summary>
    internal static string FieldOf(JsonException json)
    {
        var path = json.Path ?? "$";
        var field = path.TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    private static string Describe(JsonException json) =>
        json.Path is null or "$" ? "The request body is not valid JSON." : $"The value of '{FieldOf(json)}' is not valid.";

    /// <summary>
    /// The status, title and field (where one is at fault) of <paramref name="exception"/>, as every door answers it;
    /// status 0 for an exception that is not the caller's to know.
    /// </summary>
    internal static (int Status, string Title, string? Field) Map(Exception exception) => exception switch
    {
        DomainValidationException e => (StatusCodes.Status400BadRequest, e.Message, e.Field),
        EntityNotFoundException e => (StatusCodes.Status404NotFound, e.Message, null),
        InvalidTransitionException e => (StatusCodes.Status409Conflict, e.Message, null),
        EntityExistsException e => (StatusCodes.Status409Conflict, e.Message, null),
        PermissionDeniedException e => (StatusCodes.Status403Forbidden, e.Message, null),
        BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, Describe(json), FieldOf(json)),
        BadHttpRequestException e => (e.StatusCode, e.Message, null),
        // A silo died and the cluster has not yet moved its grains (seconds): the caller should retry.
        OrleansMessageRejectionException or TimeoutException => (StatusCodes.Status503ServiceUnavailable,
            "The cluster is moving work between silos; retry the request shortly.", null),
        WealthActors.Audit.AuditUnavailableException => (StatusCodes.Status503ServiceUnavailable,
            "The audit trail cannot record this request now; retry it shortly.", null),
        _ => (0, "", null),
    };
}
