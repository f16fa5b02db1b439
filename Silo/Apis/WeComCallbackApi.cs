using System.Text;
using Microsoft.AspNetCore.Http.Features;
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
        var body = await ReadCapped(http);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        return ToResult(await handler.ReceiveAsync(msgSignature, timestamp, nonce, body));
    }

    /// <summary>The body as text, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<string?> ReadCapped(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static IResult ToResult(WeComCallbackResponse response) =>
        Results.Content(response.Body, response.ContentType, Encoding.UTF8, response.StatusCode);
}
