using WealthActors.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>
/// Records every command that comes through the HTTP API (every request under <c>/api</c> other than a read, whatever
/// its answer, refusals included) and every read marked <see cref="AuditedRead"/>, and holds its answer until the entry
/// is committed: nothing acknowledged is unaudited. It stands first in the API's pipeline, so it sees the final status
/// that authentication, validation, the endpoint and the exception handler settled on. When the trail cannot commit,
/// the caller gets 503 instead of the answer.
/// </summary>
internal sealed partial class AuditMiddleware(RequestDelegate next, IAuditTrail audit, StateWriteAudit stateWrites, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (!IsAudited(context.Request, endpoint))
        {
            await next(context);
            return;
        }

        try
        {
            await stateWrites.PrepareAsync();
        }
        catch (Exception ex)
        {
            LogUnavailable(logger, ex, context.Request.Method, context.Request.Path);
            await AnswerUnavailable(context);
            return;
        }

        var exchange = new AuditedExchange(context, endpoint, audit, stateWrites);
        try
        {
            // Synchronous, in this method: the request-context ticket it issues then reaches the grains the endpoint calls.
            exchange.Begin();
            await next(context);
            await exchange.FinishAsync();
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            exchange.End();
            if (ex is AuditUnavailableException || exchange.AuditFailed)
            {
                LogUnavailable(logger, ex, context.Request.Method, context.Request.Path);
                await AnswerUnavailable(context);
                return;
            }

            await RecordFailure(exchange, context);
            throw;
        }
        finally
        {
            exchange.End();
        }
    }

    /// <summary>Commands (anything but a read) under <c>/api</c>, and the reads that ask to be audited.</summary>
    internal static bool IsAudited(HttpRequest request, Endpoint? endpoint) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            || endpoint?.Metadata.GetMetadata<AuditedRead>() is not null);

    private async Task RecordFailure(AuditedExchange exchange, HttpContext context)
    {
        try
        {
            await exchange.RecordFailureAsync();
        }
        catch (AuditUnavailableException unavailable)
        {
            // The request failed anyway; the server's 500 carries no outcome the caller could rely on.
            LogUnavailable(logger, unavailable, context.Request.Method, context.Request.Path);
        }
    }

    private static async Task AnswerUnavailable(HttpContext context)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        await Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The audit trail could not record this request, so it is not answered; whether it took effect is unknown.")
            .ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit: {Method} {Path} could not be recorded; answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
