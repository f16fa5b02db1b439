using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Employees;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Bot;

[Collection(BotSiloCollection.Name)]
public sealed class WebChatApiTests(BotSiloFixture silo)
{
    private ApiFactory Api => silo.Api;

    [Fact]
    public async Task Messages_WithoutKey_Is401()
    {
        var response = await Api.As(null).PostJson("/api/webchat/messages", new { employeeId = "E1", text = "help" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("System")]
    [InlineData("Admin")]
    [InlineData("Advisor")]
    public async Task Messages_ApiKey_Is403BecauseKeysAreForSystems(string role)
    {
        var response = await Api.As(role).PostJson("/api/webchat/messages", new { employeeId = "E1", text = "help" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Messages_MissingText_Is400NamingIt()
    {
        var seed = await BotSeed.Create(Api);

        await (await (await Api.AsPerson(seed.Advisor)).PostJson("/api/webchat/messages", new { })).Problem(HttpStatusCode.BadRequest, "text");
    }

    [Fact]
    public async Task Messages_NamingSomeoneElse_Is403AndRunsNothing()
    {
        var seed = await BotSeed.Create(Api);
        var id = await seed.OpenComplaint(Api);
        var advisor = await Api.AsPerson(seed.Advisor);

        var response = await advisor.PostJson("/api/webchat/messages", new { employeeId = seed.BranchHead, text = $"受理 {id}" });

        await response.Problem(HttpStatusCode.Forbidden, "employeeId");
        var complaint = await (await Api.As("Admin").GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(complaint["timeline"]!.AsArray(), t => t!.Str("kind") == "Acknowledged");
    }

    [Fact]
    public async Task Messages_UnknownPersonsToken_Is403()
    {
        var stranger = await Api.AsPerson($"NOBODY-{Guid.NewGuid():N}"[..20]);

        var response = await stranger.PostJson("/api/webchat/messages", new { text = "help" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Messages_MyQueue_AnswersThroughTheEngineWithACard()
    {
        var seed = await BotSeed.Create(Api);
        var id = await seed.OpenComplaint(Api);

        var reply = await (await (await Api.AsPerson(seed.Advisor)).PostJson("/api/webchat/messages", new { text = "my queue" }))
            .Json(HttpStatusCode.OK);

        Assert.Equal("Info", reply.Str("outcome"));
        Assert.Contains(id, reply.Str("text"));
        Assert.Contains(reply["card"]!["buttons"]!.AsArray(), b => b!.Str("command") == $"ack {id}");
    }

    [Fact]
    public async Task Messages_Acknowledge_ChangesTheComplaintAsThatEmployee()
    {
        var seed = await BotSeed.Create(Api);
        var id = await seed.OpenComplaint(Api);

        var reply = await (await (await Api.AsPerson(seed.Advisor)).PostJson("/api/webchat/messages", new { employeeId = seed.Advisor, text = $"受理 {id}" }))
            .Json(HttpStatusCode.OK);

        Assert.Equal("Done", reply.Str("outcome"));
        var complaint = await (await Api.As("Advisor").GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
        var acknowledged = complaint["timeline"]!.AsArray().Single(t => t!.Str("kind") == "Acknowledged")!;
        Assert.Equal(seed.Advisor, acknowledged.Str("by"));
    }

    [Fact]
    public async Task InboxStream_SomeoneElsesInbox_Is404()
    {
        var seed = await BotSeed.Create(Api);
        var advisor = await Api.AsPerson(seed.Advisor);

        Assert.Equal(HttpStatusCode.NotFound, (await advisor.GetAsync($"/api/webchat/inbox/{seed.BranchHead}/stream")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await advisor.GetAsync("/api/webchat/inbox/NOBODY-1/stream")).StatusCode);
    }

    [Fact]
    public async Task InboxStream_DeliveredMessage_ArrivesAfterTheSnapshot()
    {
        var seed = await BotSeed.Create(Api);
        using var client = await Api.AsPerson(seed.TeamLead);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/webchat/inbox/{seed.TeamLead}/stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var snapshot = await NextEvent(reader);
        var key = $"{seed.Prefix}:manual:1";
        await silo.Grains.GetGrain<IEmployeeGrain>(seed.TeamLead).Deliver(
            new InboxMessage(key, InboxKind.Escalation, key, "CMP-X", seed.Client, "【投诉升级 L1】", DateTimeOffset.UtcNow, ["inbox"]));
        var pushed = await NextEvent(reader);

        Assert.Equal("snapshot", snapshot.Type);
        Assert.Empty(snapshot.Data["messages"]!.AsArray());
        Assert.Equal("message", pushed.Type);
        var message = pushed.Data["messages"]![0]!;
        Assert.Equal(key, message.Str("key"));
        Assert.Equal("Escalation", message.Str("kind"));
        Assert.Equal("受理 CMP-X", message["card"]!["buttons"]![0]!.Str("command"));
    }

    [Fact]
    public async Task WebConsole_StaticPages_AreServedWithoutAKey()
    {
        var client = Api.As(null);

        var page = await client.GetAsync("/webchat/");
        var script = await client.GetAsync("/webchat/webchat.js");
        var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"chat-input\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("/webchat/", await home.Content.ReadAsStringAsync());
    }

    private static async Task<(string Type, JsonNode Data)> NextEvent(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var type = "message";
        string? data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data = line["data:".Length..].Trim();
            }
            else if (line.Length == 0 && data is not null)
            {
                return (type, JsonNode.Parse(data)!);
            }
        }
    }
}
