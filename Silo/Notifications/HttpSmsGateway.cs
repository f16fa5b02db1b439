using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using WealthActors.Grains.Notifications;

namespace WealthActors.Silo.Notifications;

/// <summary>
/// <c>POST {BaseUrl}/messages</c> with <c>{"to","text","sender","messageId"}</c> and a bearer key. 2xx: taken
/// (<c>{"id"}</c>); 400 and 422: refused for good, the body's <c>error</c> saying why (an invalid number, a number that
/// opted out); 429 and 5xx, or no answer: try again later. A repeat of a <c>messageId</c> is answered as taken and not
/// sent again.
/// </summary>
internal sealed class HttpSmsGateway(HttpClient http, IOptions<SmsGatewayOptions> options) : ISmsGateway
{
    public async Task<ChannelAnswer> Send(string phone, string text, string messageId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "messages")
        {
            Content = JsonContent.Create(new SmsMessage(phone, text, options.Value.Sender, messageId)),
        };
        if (options.Value.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await ReadAnswer(response, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new ChannelAnswer(ChannelVerdict.Accepted, $"sms {body?.Id}");
            }

            return response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity
                ? new ChannelAnswer(ChannelVerdict.Refused, body?.Error ?? $"HTTP {(int)response.StatusCode}")
                : new ChannelAnswer(ChannelVerdict.Failed, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return new ChannelAnswer(ChannelVerdict.Failed, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ChannelAnswer(ChannelVerdict.Failed, "timed out");
        }
    }

    private static async Task<SmsAnswer?> ReadAnswer(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<SmsAnswer>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record SmsMessage(string To, string Text, string Sender, string MessageId);

    private sealed record SmsAnswer(string? Id, string? Error);
}
