using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WealthActors.Testing.Teams;

/// <summary>One request the fake Connector received, with the raw (still percent-encoded) target as sent.</summary>
public sealed record ConnectorCall(string Method, string RawTarget, string? Authorization, string Body, DateTimeOffset At);

/// <summary>A scripted answer for the next Connector request (after the token check).</summary>
public sealed record ScriptedAnswer(int Status, string? RetryAfter = null, string? Body = null);

/// <summary>
/// A local stand-in for the Entra ID token endpoint and the Bot Connector service on one real Kestrel socket. It
/// issues numbered client-credentials tokens, refuses Connector calls without the current one (401), answers from a
/// script when one is queued, and stamps every call with the shared fake clock.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    public const string TokenPath = "/botframework.com/oauth2/v2.0/token";
    public const string AppPassword = "app-password";
    public const string ServicePath = "/amer/";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private readonly ConcurrentQueue<ScriptedAnswer> _tokenScript = new();
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _tokenRequests = new();
    private readonly Lock _lock = new();
    private int _serial;
    private int _activitySerial;
    private string? _validToken;
    private TaskCompletionSource? _tokenGate;

    private FakeBotConnector(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The Connector address as Teams would put it in an activity, with a path prefix.</summary>
    public string ServiceUrl => new Uri(BaseAddress, ServicePath).ToString();

    public string TokenEndpoint => new Uri(BaseAddress, TokenPath).ToString();
    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];
    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenRequests => [.. _tokenRequests];
    public int ExpiresIn { get; set; } = 3599;

    public TaskCompletionSource TokenRequestEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeBotConnector> StartAsync(TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeBotConnector(app, time);
        // One terminal handler: routing would decode the path, and the tests want it as sent.
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public void Enqueue(params ScriptedAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    /// <summary>The next token requests are answered from this script (after being recorded) instead of issuing a token.</summary>
    public void EnqueueTokenAnswers(params ScriptedAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _tokenScript.Enqueue(answer);
        }
    }

    /// <summary>Makes the current token unacceptable, as when Entra ID revoked it.</summary>
    public void RevokeTokens()
    {
        lock (_lock)
        {
            _validToken = null;
        }
    }

    /// <summary>Holds every token request until the returned source is completed.</summary>
    public TaskCompletionSource HoldTokenRequests() =>
        _tokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        _tokenGate?.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task HandleAsync(HttpContext context) =>
        context.Request.Path == TokenPath && HttpMethods.IsPost(context.Request.Method)
            ? IssueTokenAsync(context)
            : ConnectorAsync(context);

    private async Task IssueTokenAsync(HttpContext context)
    {
        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        _tokenRequests.Enqueue(form);
        if (_tokenGate is { } gate)
        {
            TokenRequestEntered.TrySetResult();
            await gate.Task;
        }

        if (_tokenScript.TryDequeue(out var scripted))
        {
            if (scripted.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = scripted.RetryAfter;
            }

            await Json(context, scripted.Status, scripted.Body is null
                ? new JsonObject { ["error"] = "temporarily_unavailable", ["error_description"] = $"HTTP {scripted.Status}" }
                : JsonNode.Parse(scripted.Body)!.AsObject());
            return;
        }

        if (form.GetValueOrDefault("client_id") != BotFrameworkTokens.AppId || form.GetValueOrDefault("client_secret") != AppPassword)
        {
            await Json(context, 401, new JsonObject
            {
                ["error"] = "invalid_client",
                ["error_description"] = "AADSTS7000215: Invalid client secret provided.",
            });
            return;
        }

        string token;
        lock (_lock)
        {
            token = $"token-{++_serial}";
            _validToken = token;
        }

        await Json(context, 200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = ExpiresIn,
            ["ext_expires_in"] = ExpiresIn,
            ["access_token"] = token,
        });
    }

    private async Task ConnectorAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var authorization = context.Request.Headers.Authorization.SingleOrDefault();
        _calls.Enqueue(new ConnectorCall(context.Request.Method, rawTarget, authorization, body, _time.GetUtcNow()));

        bool authorized;
        lock (_lock)
        {
            authorized = _validToken is not null && authorization == $"Bearer {_validToken}";
        }

        if (!authorized)
        {
            await Json(context, 401, Error("Unauthorized", "The bot token is not valid."));
            return;
        }

        if (_script.TryDequeue(out var scripted))
        {
            if (scripted.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = scripted.RetryAfter;
            }

            await Json(context, scripted.Status, scripted.Body is null ? Error("Scripted", $"HTTP {scripted.Status}") : JsonNode.Parse(scripted.Body)!.AsObject());
            return;
        }

        var n = Interlocked.Increment(ref _activitySerial);
        var created = context.Request.Method == HttpMethods.Post && rawTarget.EndsWith("/v3/conversations", StringComparison.Ordinal);
        await Json(context, created ? 200 : 201, created
            ? new JsonObject { ["id"] = $"a:created-{n}", ["activityId"] = "", ["serviceUrl"] = ServiceUrl }
            : new JsonObject { ["id"] = $"activity-{n}" });
    }

    private static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static Task Json(HttpContext context, int status, JsonObject value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(value.ToJsonString());
    }
}
