using System.Text;
using System.Text.Json;
using WealthActors.Bot.Channels.Teams;
using WealthActors.Bot.Channels.Teams.Chat;

namespace WealthActors.Silo.Apis;

/// <summary>
/// The bot's messaging endpoint, registered in the Azure Bot resource as <c>https://&lt;host&gt;/api/messages</c>. The
/// Bot Connector authenticates with a signed JWT, not an API key, so the route is anonymous and nothing is looked at
/// before that token is valid; it is mapped only when <c>Teams:AppId</c> is set.
/// </summary>
public static partial class TeamsMessagesApi
{
    public const string Route = "/api/messages";

    /// <summary>
    /// An activity is a few kilobytes (a card click carries its card's data, not the card); the cap keeps an
    /// unauthenticated sender from making us read more.
    /// </summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapTeamsMessagesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, Receive).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> Receive(
        HttpContext http, BotFrameworkTokenValidator validator, TeamsActivityHandler handler, ILoggerFactory loggers)
    {
        if (await CappedBody.ReadAsync(http, MaxBodyBytes) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        BotActivity? activity;
        try
        {
            activity = BotFrameworkJson.ParseActivity(Encoding.UTF8.GetString(body));
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null)
        {
            LogUnreadable(loggers.CreateLogger(typeof(TeamsMessagesApi)));
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        // The validator logs why a token was refused; the caller learns only the status.
        var auth = await validator.ValidateAsync(http.Request.Headers.Authorization.ToString(), activity, http.RequestAborted);
        if (!auth.Succeeded)
        {
            return Results.StatusCode((int)auth.StatusCode);
        }

        var result = await handler.HandleAsync(activity, ReplayableUntil(auth), http.RequestAborted);
        return result.Body is { } json
            ? Results.Content(json.ToJsonString(), "application/json", Encoding.UTF8, result.StatusCode)
            : Results.StatusCode(result.StatusCode);
    }

    /// <summary>The same request passes the token check until the token's expiry plus the allowed clock skew.</summary>
    private static DateTimeOffset? ReplayableUntil(BotFrameworkAuthResult auth) =>
        long.TryParse(auth.Identity?.FindFirst("exp")?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp) + BotFrameworkTokenValidator.ClockSkew
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: a request to /api/messages was not a JSON activity; refused")]
    private static partial void LogUnreadable(ILogger logger);
}
