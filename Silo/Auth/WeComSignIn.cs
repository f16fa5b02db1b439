using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Employees;

namespace WealthActors.Silo.Auth;

/// <summary>
/// WeCom's web login as a second way into the console session: inside the WeCom client through its web authorization
/// (网页授权, silent <c>snsapi_base</c>), on a PC browser through WeCom's login page (扫码登录). WeCom sends the browser
/// back with a one-time code, which the server API turns into the member's UserID; the employee is the one whose
/// <c>wecomUserId</c> that is (the bot's channel-identity index), and the session is the one the provider's sign-in
/// opens (<see cref="ConsoleSignIn.SessionFor"/>).
/// </summary>
public sealed partial class WeComSignIn(
    WeComApiClient wecom, WeComSignInCorrelation correlation, IOptions<WeComOptions> options, IGrainFactory grains,
    ILogger<WeComSignIn> logger)
{
    public const string StartPath = "/signin/wecom";
    public const string CallbackPath = "/signin/wecom/callback";

    /// <summary>Sends the browser to WeCom: its web authorization inside the WeCom client, or with <paramref name="qr"/> its login page.</summary>
    public IResult Start(HttpContext http, string returnUrl, bool qr)
    {
        var settings = options.Value;
        var state = correlation.Issue(http, returnUrl);
        var request = http.Request;
        var callback = Uri.EscapeDataString($"{request.Scheme}://{request.Host}{request.PathBase}{CallbackPath}");
        var appId = Uri.EscapeDataString(settings.CorpId);
        var agentId = settings.AgentId.ToString(CultureInfo.InvariantCulture);
        // The parameters and their order are WeCom's documented links; #wechat_redirect tells the client to add the identity.
        return Results.Redirect(qr
            ? $"{settings.QrLoginUrl}?login_type=CorpApp&appid={appId}&agentid={agentId}&redirect_uri={callback}&state={state}"
            : $"{settings.OAuthAuthorizeUrl}?appid={appId}&redirect_uri={callback}&response_type=code&scope=snsapi_base"
              + $"&state={state}&agentid={agentId}#wechat_redirect");
    }

    /// <summary>
    /// WeCom's redirect back. Anything short of an active employee behind a member of the organisation is the person's
    /// 403 and opens no session; only WeCom being unreachable is a 502.
    /// </summary>
    public async Task<IResult> CompleteAsync(HttpContext http, string? code, string? state)
    {
        if (correlation.Redeem(http, state) is not { } returnUrl)
        {
            return Refuse("The sign-in state is missing, expired or was not issued to this browser.");
        }

        // WeCom comes back without a code when the person declined or closed its login page.
        if (string.IsNullOrEmpty(code) || code.Length > WeComApiClient.MaxCodeLength)
        {
            return Refuse("WeCom did not sign anyone in.");
        }

        WeComVisitor visitor;
        try
        {
            visitor = await wecom.GetVisitorAsync(code, http.RequestAborted);
        }
        catch (WeComApiException e)
        {
            LogWeComRefused(logger, e.Api, e.ErrCode, e.ErrMsg);
            return Refuse($"WeCom refused the sign-in (errcode {e.ErrCode}: {e.ErrMsg}).");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException
            || (e is TaskCanceledException && !http.RequestAborted.IsCancellationRequested))
        {
            LogWeComUnreachable(logger, e);
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "WeCom could not be asked who signed in; try again.");
        }

        if (!visitor.IsMember)
        {
            return Refuse("Only members of the organisation sign in with WeCom.");
        }

        var employeeId = await grains.GetGrain<IChannelIdentityGrain>(ChannelIdentity.Key(ChannelIdentity.WeCom, visitor.UserId!)).GetEmployeeId();
        if (employeeId is null)
        {
            return Refuse($"The WeCom member {visitor.UserId} is not linked to an employee.");
        }

        var session = await ConsoleSignIn.SessionFor(employeeId, grains);
        if (session.Refusal is { } refusal)
        {
            return Refuse(refusal);
        }

        await http.SignInAsync(ConsoleSignIn.CookieScheme, session.Principal);
        LogSignedIn(logger, employeeId, visitor.UserId!);
        return Results.Redirect(returnUrl);
    }

    private IResult Refuse(string reason)
    {
        LogRefused(logger, reason);
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Sign-in failed.", detail: reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Employee {EmployeeId} signed in with WeCom as member {WeComUserId}")]
    private static partial void LogSignedIn(ILogger logger, string employeeId, string weComUserId);

    // Information: anyone can call the callback with anything, so a refusal alone is nothing for an operator to chase.
    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom sign-in refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom {Api} refused a sign-in code with errcode {ErrCode}: {ErrMsg}")]
    private static partial void LogWeComRefused(ILogger logger, string api, int errCode, string? errMsg);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom could not be reached to complete a sign-in")]
    private static partial void LogWeComUnreachable(ILogger logger, Exception exception);
}
