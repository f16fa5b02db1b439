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

namespace WealthActors.Silo.Tests.Notifications;

/// <summary>
/// An SMS gateway on loopback speaking the protocol of <c>HttpSmsGateway</c>: <c>POST /messages</c> with a bearer key and
/// <c>{"to","text","sender","messageId"}</c>. A mainland mobile number (11 digits from 1, optionally +86) is taken
/// (<c>202 {"id"}</c>); anything else is refused (<c>422 {"error"}</c>); a repeated messageId is answered as taken and
/// not sent again; <see cref="FailNext"/> answers 503 to the next requests.
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    public const string ApiKey = "fake-sms-key";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string To, string Text)> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private int _failures;

    private FakeSmsGateway(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Messages sent to phones, by messageId: each id once.</summary>
    public IReadOnlyDictionary<string, (string To, string Text)> Sent => _sent;

    /// <summary>Every request received, repeats and refusals included.</summary>
    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public static async Task<FakeSmsGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var gateway = new FakeSmsGateway(app);
        app.MapPost("/messages", (Delegate)gateway.Receive);
        await app.StartAsync();
        gateway.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return gateway;
    }

    private async Task<IResult> Receive(HttpContext context)
    {
        if (context.Request.Headers.Authorization != $"Bearer {ApiKey}")
        {
            return Results.Json(new { error = "unauthorized" }, statusCode: 401);
        }

        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        _requests.Enqueue(body);
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            return Results.Json(new { error = "gateway busy" }, statusCode: 503);
        }

        var (to, text, id) = ((string?)body["to"] ?? "", (string?)body["text"] ?? "", (string?)body["messageId"] ?? "");
        var digits = to.StartsWith("+86", StringComparison.Ordinal) ? to[3..] : to;
        if (digits.Length != 11 || digits[0] != '1' || !digits.All(char.IsAsciiDigit))
        {
            return Results.Json(new { error = $"invalid mobile number" }, statusCode: 422);
        }

        if (text.Length == 0 || id.Length == 0)
        {
            return Results.Json(new { error = "text and messageId are required" }, statusCode: 400);
        }

        _sent.TryAdd(id, (to, text));
        return Results.Json(new { id = $"sms-{id}" }, statusCode: 202);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
