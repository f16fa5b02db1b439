using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using WealthActors.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>
/// One audited request on its way through the pipeline: its body hashed as the endpoint reads it, its answer held until
/// the entry is committed. The entry is made once, when the first byte of the answer would go out (the status code is
/// final then) or, for an answer without a body, when the pipeline is done.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "End() disposes the request's hashing stream when the request ends; the exchange lives exactly as long.")]
internal sealed class AuditedExchange(HttpContext context, Endpoint? endpoint, IAuditTrail audit)
{
    private readonly Lock _lock = new();
    private Stream? _originalBody;
    private IRequestBodyPipeFeature? _originalPipe;
    private IHttpResponseBodyFeature? _originalResponse;
    private HashingRequestStream? _body;
    private GatedResponseBody? _response;
    private Task? _recorded;
    private int? _failedStatus;

    // The exception handler clears the route values before it answers; the entry names the target the request had.
    private RouteValueDictionary? _routeValues;

    /// <summary>The entry could not be committed: nothing of the answer has gone out.</summary>
    public bool AuditFailed => _recorded is { IsFaulted: true };

    public void Begin()
    {
        var request = context.Request;
        _routeValues = new RouteValueDictionary(request.RouteValues);
        _originalBody = request.Body;
        _body = new HashingRequestStream(_originalBody);
        request.Body = _body;
        // Endpoints read JSON bodies through the pipe: this one wraps the hashing stream (and would wrap any later one).
        _originalPipe = context.Features.Get<IRequestBodyPipeFeature>();
        context.Features.Set<IRequestBodyPipeFeature>(new RequestBodyPipeFeature(context));
        _originalResponse = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        _response = new GatedResponseBody(_originalResponse, RecordOnceAsync);
        context.Features.Set<IHttpResponseBodyFeature>(_response);
    }

    /// <summary>After the endpoint: sends what it left buffered, and records an answer that had no body.</summary>
    public Task FinishAsync() => _response?.FlushAsync() ?? RecordOnceAsync();

    /// <summary>The request failed with an exception before answering: the server answers 500, and so says the entry.</summary>
    public Task RecordFailureAsync()
    {
        _failedStatus = StatusCodes.Status500InternalServerError;
        return RecordOnceAsync();
    }

    /// <summary>Puts the server's own body streams back; safe to call more than once.</summary>
    public void End()
    {
        if (_response is null)
        {
            return;
        }

        context.Features.Set(_originalResponse);
        context.Features.Set(_originalPipe);
        context.Request.Body = _originalBody!;
        _body!.Dispose();
        _response = null;
    }

    private Task RecordOnceAsync()
    {
        lock (_lock)
        {
            return _recorded ??= RecordAsync();
        }
    }

    private async Task RecordAsync()
    {
        var request = context.Request;
        var status = _failedStatus ?? context.Response.StatusCode;
        // A read has no body: what it asked for is its query.
        var digest = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? AuditDigests.Of(request.QueryString.Value ?? "")
            : await _body!.DigestAsync(drain: !DeclaredTooLarge(), context.RequestAborted);
        var target = AuditRoutes.Describe(request.Method, endpoint, _routeValues ?? request.RouteValues, request.Path, context.Response.Headers.Location);
        // Not cancellable: a client that went away does not take the record of what it did with it.
        await audit.AppendAsync(
            HttpAuditRecords.For(context, target, status.ToString(CultureInfo.InvariantCulture), digest), CancellationToken.None);
    }

    // A body refused for its declared size is never read, so its digest is of nothing.
    private bool DeclaredTooLarge() =>
        context.Request.ContentLength > (context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? long.MaxValue);
}
