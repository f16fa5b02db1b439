using System.Text;
using Microsoft.AspNetCore.Mvc;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Silo.Apis;

/// <summary>
/// The WeCom self-built app's callback URL. WeCom authenticates by signature, not by API key, so the route is
/// anonymous; it is mapped only when WeCom is configured.
/// </summary>
public static class WeComCallbackApi
{
    public const string Route = "/api/wecom/callback";

    /// <summary>A callback is a few kilobytes; the cap keeps an unauthenticated sender from making us read more.</summary>
    public const int MaxBodyBytes = WeComCallbackXml.MaxCharacters;

    public static IEndpointRouteBuilder MapWeComCallbackApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Route, Verify).AllowAnonymous().ExcludeFromDescription();
        routes.MapPost(Route, Receive).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static IResult Verify(
        [FromQuery(Name = "msg_signature")] string? msgSignature, string? timestamp, string? nonce, string? echostr,
        WeComCallbackHandler handler) =>
        ToResult(handler.Verify(msgSignature, timestamp, nonce, echostr));

    private static async Task<IResult> Receive(
        [FromQuery(Name = "msg_signature")] string? msgSignature, string? timestamp, string? nonce,
        HttpContext http, WeComCallbackHandler handler)
    {
        if (await CappedBody.ReadAsync(http, MaxBodyBytes) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        return ToResult(await handler.ReceiveAsync(msgSignature, timestamp, nonce, Encoding.UTF8.GetString(body)));
    }

    private static IResult ToResult(WeComCallbackResponse response) =>
        Results.Content(response.Body, response.ContentType, Encoding.UTF8, response.StatusCode);
}
