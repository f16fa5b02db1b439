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

namespace WealthActors.Testing.WeCom;

/// <summary>One call the fake received on a token-protected API.</summary>
public sealed record FakeWeComCall(string Api, string? AccessToken, JsonObject Body);

/// <summary>A message WeCom took for one member: when, and the call that carried it.</summary>
public sealed record FakeWeComDelivery(string Member, DateTimeOffset At, FakeWeComCall Call);

/// <summary>Who the fake WeCom client is signed in as: a member of the organisation, or a WeChat user outside it.</summary>
public sealed record FakeWeComUser(string? UserId, string? OpenId)
{
    public static FakeWeComUser Member(string userId) => new(userId, null);

    public static FakeWeComUser Outsider(string openId) => new(null, openId);
}

/// <summary>
/// A local stand-in for the WeCom server API on a real Kestrel socket: issues numbered tokens, checks every query
/// parameter, refuses stale tokens with 42001 as WeCom does, and records what it was sent. It also plays the WeCom
/// client's side of web sign-in: its web authorization link and its web login page send the browser back with a code
/// for <see cref="SignedIn"/>, which <c>auth/getuserinfo</c> accepts once and for five minutes, as WeCom does.
/// Like WeCom, it lets an app send one member at most <see cref="PerMemberPerMinute"/> messages in any minute and
/// silently discards the rest (the send still answers ok), and it can take <see cref="AnswerDelay"/> to answer.
/// </summary>
public sealed partial class FakeWeComServer : IAsyncDisposable
{
    public const string CorpId = "ww1436e0e65a779aee";
    public const string Secret = "fake-app-secret";

    /// <summary>The app (agent) the fake knows: its sign-in pages accept only this agentid.</summary>
    public const int AgentId = 1000002;

    /// <summary>WeCom's documented life of a sign-in code (5分钟未被使用自动过期).</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    private const string AuthorizePath = "/connect/oauth2/authorize";
    private const string QrLoginPath = "/wwlogin/sso/login";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _forcedErrcodes = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _forcedHttpFailures = new();
    private readonly ConcurrentQueue<FakeWeComCall> _calls = new();
    private readonly ConcurrentDictionary<FakeWeComCall, string> _responseCodes = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _issuedTokens = [];
    private readonly ConcurrentDictionary<string, (FakeWeComUser User, DateTimeOffset IssuedAt)> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeWeComCall> _pageVisits = new();
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<FakeWeComDelivery> _delivered = new();
    private readonly ConcurrentQueue<FakeWeComDelivery> _discarded = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recentPerMember = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _getTokenCalls;
    private int _serial;
    private string? _validToken;
    private TaskCompletionSource? _getTokenGate;

    private FakeWeComServer(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    public Uri BaseAddress { get; private set; } = null!;
    public int GetTokenCalls => Volatile.Read(ref _getTokenCalls);
    public IReadOnlyList<FakeWeComCall> Calls => [.. _calls];
    public int ExpiresIn { get; set; } = 7200;

    /// <summary>WeCom's limit: messages an app may send one member in any 60 seconds; beyond it they are discarded.</summary>
    public int PerMemberPerMinute { get; set; } = 30;

    /// <summary>How long every API call takes to answer (WeCom's own latency).</summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>Every message a member received, one entry per member of a call, in the order they were taken.</summary>
    public IReadOnlyList<FakeWeComDelivery> Delivered => [.. _delivered];

    /// <summary>Messages discarded for being over a member's limit: the app was told ok, the member got nothing.</summary>
    public IReadOnlyList<FakeWeComDelivery> Discarded => [.. _discarded];

    /// <summary>Who the WeCom client (or the phone that scans the login QR code) is signed in as; null: nobody.</summary>
    public FakeWeComUser? SignedIn { get; set; }

    /// <summary>Where <c>WeCom:OAuthAuthorizeUrl</c> points: the web authorization link the WeCom client answers.</summary>
    public string OAuthAuthorizeUrl => new Uri(BaseAddress, AuthorizePath).ToString();

    /// <summary>Where <c>WeCom:QrLoginUrl</c> points: WeCom's web login page.</summary>
    public string QrLoginUrl => new Uri(BaseAddress, QrLoginPath).ToString();

    /// <summary>The sign-in pages browsers were sent to: the page's path and its query parameters.</summary>
    public IReadOnlyList<FakeWeComCall> PageVisits => [.. _pageVisits];

    /// <summary>The codes handed out and not yet used, newest last.</summary>
    public IReadOnlyList<string> OutstandingCodes => [.. _codes.OrderBy(c => c.Value.IssuedAt).Select(c => c.Key)];

    /// <summary>Completes when a <c>gettoken</c> request is being held by <see cref="HoldGetToken"/>.</summary>
    public TaskCompletionSource GetTokenEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="clock">What "now" is for the life of sign-in codes.</param>
    public static async Task<FakeWeComServer> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeWeComServer(app, clock ?? TimeProvider.System);
        app.MapGet("/cgi-bin/gettoken", server.GetTokenAsync);
        app.MapGet("/cgi-bin/auth/getuserinfo", server.GetUserInfo);
        app.MapGet(AuthorizePath, server.Authorize);
        app.MapGet(QrLoginPath, server.QrLogin);
        app.MapPost("/cgi-bin/message/send", context => server.HandleAsync(context, "message/send"));
        app.MapPost("/cgi-bin/message/update_template_card", context => server.HandleAsync(context, "message/update_template_card"));
        app.MapPost("/cgi-bin/externalcontact/add_msg_template", server.AddMessageTemplateAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>The response_code a successful <c>message/send</c> answered with, as a card click would carry it.</summary>
    public string ResponseCodeOf(FakeWeComCall call) =>
        _responseCodes.TryGetValue(call, out var code) ? code : throw new InvalidOperationException("That call got no response_code.");

    /// <summary>The next message call (send, card update) answers with this errcode (after the token check).</summary>
    public void FailNext(int errcode) => _forcedErrcodes.Enqueue(errcode);

    /// <summary>
    /// The next message call (send, card update) fails at the HTTP level, before WeCom looks at it: a gateway's 5xx, or
    /// 429 with an optional <c>Retry-After</c>. The call is recorded; nothing is delivered.
    /// </summary>
    public void FailNextHttp(int status, string? retryAfter = null) => _forcedHttpFailures.Enqueue((status, retryAfter));

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
        var received = System.Diagnostics.Stopwatch.StartNew();
        var accessToken = context.Request.Query["access_token"].SingleOrDefault();
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        var call = new FakeWeComCall(api, accessToken, body);
        _calls.Enqueue(call);

        // A timer may fire a fraction of a millisecond before the stopwatch says its time is up: wait until it says so.
        while (received.Elapsed < AnswerDelay)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling((AnswerDelay - received.Elapsed).TotalMilliseconds)));
        }

        if (_forcedHttpFailures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            context.Response.StatusCode = failure.Status;
            return;
        }

        var answer = Refusal(accessToken) ?? (_forcedErrcodes.TryDequeue(out var forced)
            ? new JsonObject { ["errcode"] = forced, ["errmsg"] = $"forced error {forced}" }
            : Success(api, body));
        if (api == "message/send" && (int?)answer["errcode"] == 0)
        {
            Deliver(call, answer);
        }
        if ((string?)answer["response_code"] is { } responseCode)
        {
            _responseCodes[call] = responseCode;
        }

        await Json(answer).ExecuteAsync(context);
    }

    /// <summary>Hands the message to each valid member under their limit; over it, WeCom drops it without telling.</summary>
    private void Deliver(FakeWeComCall call, JsonObject answer)
    {
        var invalid = ((string?)answer["invaliduser"] ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries);
        var members = ((string?)call.Body["touser"] ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries).Except(invalid, StringComparer.Ordinal);
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            foreach (var member in members)
            {
                if (!_recentPerMember.TryGetValue(member, out var recent))
                {
                    recent = new Queue<DateTimeOffset>();
                    _recentPerMember[member] = recent;
                }

                while (recent.Count > 0 && recent.Peek() <= now - TimeSpan.FromMinutes(1))
                {
                    recent.Dequeue();
                }

                var delivery = new FakeWeComDelivery(member, now, call);
                if (recent.Count >= PerMemberPerMinute)
                {
                    _discarded.Enqueue(delivery);
                    continue;
                }

                recent.Enqueue(now);
                _delivered.Enqueue(delivery);
            }
        }
    }

    /// <summary>
    /// 网页授权 in the WeCom client: the documented parameters, then straight back (snsapi_base asks nothing) with a code
    /// for whoever the client is signed in as. Outside the client there is nobody, and WeCom shows only an error page.
    /// </summary>
    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        var problem = Check(query, "appid", FakeWeComServer.CorpId)
            ?? Check(query, "response_type", "code")
            ?? (query["scope"] is var scope && scope != "snsapi_base" && scope != "snsapi_privateinfo" ? $"scope '{scope}' is not a WeCom scope" : null)
            ?? CheckAgentId(query, required: query["scope"] == "snsapi_privateinfo")
            ?? CheckState(query)
            ?? CheckRedirect(query, out _);
        return Visit(AuthorizePath, query, problem) ?? (SignedIn is { } user
            ? Results.Redirect(Back(query, IssueCode(user)))
            : Results.BadRequest("Open this link in the WeCom client (请在企业微信客户端打开链接)."));
    }

    /// <summary>
    /// 企业微信登录 on a PC browser: the documented parameters, then, once the phone signed in as <see cref="SignedIn"/>
    /// has scanned and confirmed, back with a code; with nobody to confirm, back with the state only, as on a refusal.
    /// </summary>
    private IResult QrLogin(HttpContext context)
    {
        var query = context.Request.Query;
        var problem = Check(query, "login_type", "CorpApp")
            ?? Check(query, "appid", FakeWeComServer.CorpId)
            ?? CheckAgentId(query, required: true)
            ?? CheckState(query)
            ?? CheckRedirect(query, out _);
        return Visit(QrLoginPath, query, problem)
            ?? Results.Redirect(SignedIn is { } user ? Back(query, IssueCode(user)) : Back(query, code: null));
    }

    private IResult? Visit(string page, IQueryCollection query, string? problem)
    {
        _pageVisits.Enqueue(new FakeWeComCall(page, null, new JsonObject(query.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)(string?)p.Value)))));
        return problem is null ? null : Results.BadRequest(problem);
    }

    private static string? Check(IQueryCollection query, string name, string expected) =>
        query[name] == expected ? null : $"{name} must be '{expected}', not '{query[name]}'";

    private static string? CheckAgentId(IQueryCollection query, bool required) =>
        query["agentid"].Count == 0 && !required ? null : Check(query, "agentid", AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // WeCom: "a-zA-Z0-9, at most 128 bytes".
    private static string? CheckState(IQueryCollection query) =>
        ((string?)query["state"] ?? "") is var state && state.Length <= 128 && state.All(char.IsAsciiLetterOrDigit)
            ? null
            : $"state '{state}' is not 0-128 letters and digits";

    private static string? CheckRedirect(IQueryCollection query, out Uri? redirect) =>
        Uri.TryCreate(query["redirect_uri"], UriKind.Absolute, out redirect) && redirect.Scheme is "http" or "https"
            ? null
            : $"redirect_uri '{query["redirect_uri"]}' is not an absolute http(s) address";

    private static string Back(IQueryCollection query, string? code)
    {
        var redirect = (string)query["redirect_uri"]!;
        var separator = redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var state = Uri.EscapeDataString((string?)query["state"] ?? "");
        return code is null ? $"{redirect}{separator}state={state}" : $"{redirect}{separator}code={Uri.EscapeDataString(code)}&state={state}";
    }

    private string IssueCode(FakeWeComUser user)
    {
        var code = $"code{Guid.NewGuid():N}";
        _codes[code] = (user, _clock.GetUtcNow());
        return code;
    }

    /// <summary>获取访问用户身份: a valid access token, then a code issued within five minutes and never used before.</summary>
    private IResult GetUserInfo(HttpContext context)
    {
        var accessToken = context.Request.Query["access_token"].SingleOrDefault();
        var code = context.Request.Query["code"].SingleOrDefault();
        _calls.Enqueue(new FakeWeComCall("auth/getuserinfo", accessToken, new JsonObject { ["code"] = code }));
        if (Refusal(accessToken) is { } refusal)
        {
            return Json(refusal);
        }

        // A code is spent by its first exchange, and dead five minutes after it was issued either way.
        if (code is null || !_codes.TryRemove(code, out var issued) || _clock.GetUtcNow() - issued.IssuedAt > CodeLifetime)
        {
            return Json(new JsonObject { ["errcode"] = 40029, ["errmsg"] = "invalid code" });
        }

        return Json(issued.User.UserId is { } userId
            ? new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["userid"] = userId }
            : new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["openid"] = issued.User.OpenId });
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
