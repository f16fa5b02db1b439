using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using WealthActors.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>
/// One audited request on its way through the pipeline: its body hashed as the endpoint reads it, its answer held until
/// the entry is committed. The entry is made once, when the first byte of the answer would go out (the status code is
/// final then) or, for an answer without a body, when the pipeline is done.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "End() disposes the request's hashing stream when the request ends; the exchange lives exactly as long.")]
internal sealed class AuditedExchange(HttpContext context, Endpoint? endpoint, IAuditTrail audit, StateWriteAudit? stateWrites = null)
{
    private readonly Lock _lock = new();
    private Stream? _originalBody;
    private IRequestBodyPipeFeature? _originalPipe;
    private IHttpResponseBodyFeature? _originalResponse;
    private HashingRequestStream? _body;
    private GatedResponseBody? _response;
    private Task? _recorded;
    private int? _failedStatus;
    private Guid? _ticket;
    private StateWriteClaim? _claim;

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
        _ticket = stateWrites?.Open(this);
    }

    /// <summary>
    /// The entry as it will read if the request succeeds, for the first state write the request makes to carry
    /// (<see cref="StateWriteAudit"/>): the success status the endpoint declares, the target (for a create, the writing
    /// grain's key) and the body's digest. Null when the entry is already claimed or being made, when the body is not
    /// all read yet, or when the endpoint declares no success status.
    /// </summary>
    public StateWriteClaim? TryClaim(GrainId writer)
    {
        lock (_lock)
        {
            if (_claim is not null || _recorded is not null || _response is null || SuccessStatus() is not { } status)
            {
                return null;
            }

            var request = context.Request;
            var digest = IsRead(request) ? AuditDigests.Of(request.QueryString.Value ?? "") : _body!.DigestWhenRead(request.ContentLength);
            if (digest is null)
            {
                return null;
            }

            var values = _routeValues ?? request.RouteValues;
            var target = AuditRoutes.Describe(request.Method, endpoint, values, request.Path, location: null);
            if (target.TargetId is null && HttpMethods.IsPost(request.Method))
            {
                // A create: the entry names what it created, so only the created grain's own write may carry it (a
                // complaint's, not the client's it is filed under), named by the grain's key.
                target = AuditRoutes.Describe(request.Method, endpoint, values, request.Path, location: null, createdId: writer.Key.ToString());
                if (!IsOfType(writer, target.TargetType))
                {
                    return null;
                }
            }

            _claim = new StateWriteClaim(HttpAuditRecords.For(context, target, status.ToString(CultureInfo.InvariantCulture), digest));
            return _claim;
        }
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
        if (_ticket is not null)
        {
            stateWrites!.Close(_ticket.Value);
            _ticket = null;
        }

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
        var digest = IsRead(request)
            ? AuditDigests.Of(request.QueryString.Value ?? "")
            : await _body!.DigestAsync(drain: !DeclaredTooLarge(), context.RequestAborted);
        var target = AuditRoutes.Describe(request.Method, endpoint, _routeValues ?? request.RouteValues, request.Path, context.Response.Headers.Location);
        var record = HttpAuditRecords.For(context, target, status.ToString(CultureInfo.InvariantCulture), digest);
        // No write claims the entry once it is being made (RecordOnceAsync has set _recorded, or holds the lock while
        // this runs up to its first wait): the claim read here is the request's last word.
        if (_claim is { } claim && await claim.Committed is { } entry)
        {
            if (claim.Record == record)
            {
                // Committed with the state change, and it says what the answer says.
                return;
            }

            // The state change committed with an entry that the answer contradicts (another status, or a create that
            // made something else): the request's own entry names it.
            record = record with { Outcome = $"{record.Outcome}; corrects entry {entry.Sequence}" };
        }

        // Not cancellable: a client that went away does not take the record of what it did with it.
        await audit.AppendAsync(record, CancellationToken.None);
    }

    // Grain types are the class name without "Grain", lower case (complaint, task); resources may be hyphenated.
    private static bool IsOfType(GrainId grain, string? resource) =>
        resource is not null && string.Equals(grain.Type.ToString(), resource.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    /// <summary>The 2xx status the endpoint declares it answers with (its first), or null.</summary>
    private int? SuccessStatus()
    {
        foreach (var produces in endpoint?.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>() ?? [])
        {
            if (produces.StatusCode is >= 200 and < 300)
            {
                return produces.StatusCode;
            }
        }

        return null;
    }

    // A body refused for its declared size is never read, so its digest is of nothing.
    private bool DeclaredTooLarge() =>
        context.Request.ContentLength > (context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? long.MaxValue);
}
