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

namespace WealthActors.Bot.Tests.Channels.WeCom;

/// <summary>One call the fake received on a token-protected API.</summary>
public sealed record FakeWeComCall(string Api, string? AccessToken, JsonObject Body);

/// <summary>
/// A local stand-in for the WeCom server API on a real Kestrel socket: issues numbered tokens, checks every query
/// parameter, refuses stale tokens with 42001 as WeCom does, and records what it was sent.
/// </summary>
public sealed class FakeWeComServer : IAsyncDisposable
{
    public const string CorpId = "ww1436e0e65a779aee";
    public const string Secret = "fake-app-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _forcedErrcodes = new();
    private readonly ConcurrentQueue<FakeWeComCall> _calls = new();
    private readonly ConcurrentDictionary<FakeWeComCall, string> _responseCodes = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _issuedTokens = [];
    private readonly Lock _lock = new();
    private int _getTokenCalls;
    private int _serial;
    private string? _validToken;
    private TaskCompletionSource? _getTokenGate;

    private FakeWeComServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;
    public int GetTokenCalls => Volatile.Read(ref _getTokenCalls);
    public IReadOnlyList<FakeWeComCall> Calls => [.. _calls];
    public int ExpiresIn { get; set; } = 7200;

    /// <summary>Completes when a <c>gettoken</c> request is being held by <see cref="HoldGetToken"/>.</summary>
    public TaskCompletionSource GetTokenEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeWeComServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeWeComServer(app);
        app.MapGet("/cgi-bin/gettoken", server.GetTokenAsync);
        app.MapPost("/cgi-bin/message/send", context => server.HandleAsync(context, "message/send"));
        app.MapPost("/cgi-bin/message/update_template_card", context => server.HandleAsync(context, "message/update_template_card"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>The response_code a successful <c>message/send</c> answered with, as a card click would carry it.</summary>
    public string ResponseCodeOf(FakeWeComCall call) =>
        _responseCodes.TryGetValue(call, out var code) ? code : throw new InvalidOperationException("That call got no response_code.");

    /// <summary>The next token-protected call answers with this errcode (after the token check).</summary>
    public void FailNext(int errcode) => _forcedErrcodes.Enqueue(errcode);

    /// <summary>Makes the current token stale, as when it passed its expires_in on WeCom's side.</summary>
    public void ExpireToken()
    {
        lock (_lock)
        {
            _validToken = null;
        }
    }

    /// <summary>Holds every <c>gettoken</c> request until the returned source is completed.</summary>
    public TaskCompletionSource HoldGetToken() =>
        _getTokenGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        _getTokenGate?.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task GetTokenAsync(HttpContext context)
    {
        await Json(await IssueTokenAsync(context)).ExecuteAsync(context);
    }

    private async Task<JsonObject> IssueTokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _getTokenCalls);
        if (_getTokenGate is { } gate)
        {
            GetTokenEntered.TrySetResult();
            await gate.Task;
        }

        var query = context.Request.Query;
        if (query["corpid"] != CorpId || query["corpsecret"] != Secret)
        {
            return new JsonObject { ["errcode"] = 40001, ["errmsg"] = "invalid credential" };
        }

        string token;
        lock (_lock)
        {
            token = $"token-{++_serial}";
            _issuedTokens.Add(token);
            _validToken = token;
        }

        return new JsonObject
        {
            ["errcode"] = 0, ["errmsg"] = "ok", ["access_token"] = token, ["expires_in"] = ExpiresIn,
        };
    }

    private async Task HandleAsync(HttpContext context, string api)
    {
        var accessToken = context.Request.Query["access_token"].SingleOrDefault();
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        var call = new FakeWeComCall(api, accessToken, body);
        _calls.Enqueue(call);

        var answer = Refusal(accessToken) ?? (_forcedErrcodes.TryDequeue(out var forced)
            ? new JsonObject { ["errcode"] = forced, ["errmsg"] = $"forced error {forced}" }
            : Success(api, body));
        if ((string?)answer["response_code"] is { } responseCode)
        {
            _responseCodes[call] = responseCode;
        }

        await Json(answer).ExecuteAsync(context);
    }

    private JsonObject? Refusal(string? accessToken)
    {
        lock (_lock)
        {
            if (accessToken is not null && accessToken == _validToken)
            {
                return null;
            }

            return accessToken is not null && _issuedTokens.Contains(accessToken)
                ? new JsonObject { ["errcode"] = 42001, ["errmsg"] = "access_token expired" }
                : new JsonObject { ["errcode"] = 40014, ["errmsg"] = "invalid access_token" };
        }
    }

    private JsonObject Success(string api, JsonObject body)
    {
        if (api != "message/send")
        {
            return new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["invaliduser"] = new JsonArray() };
        }

        var n = _calls.Count;
        var unknown = ((string?)body["touser"] ?? "").Split('|').Where(u => u.StartsWith("ghost", StringComparison.Ordinal));
        return new JsonObject
        {
            ["errcode"] = 0, ["errmsg"] = "ok", ["invaliduser"] = string.Join('|', unknown),
            ["msgid"] = $"msg-{n}", ["response_code"] = $"rc-{n}",
        };
    }

    private static IResult Json(JsonObject value) => Results.Content(value.ToJsonString(), "application/json");
}
