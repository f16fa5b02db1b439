using System.Net;
using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Bot.Tests.Channels.Teams;

public sealed class BotConnectorClientResilienceTests : ConnectorTestBase
{
    [Fact]
    public async Task SendToConversationAsync_SeveralSends_OneClientCredentialsTokenRequest()
    {
        var reference = Incoming().ToConversationReference();
        for (var i = 0; i < 3; i++)
        {
            await Client.SendToConversationAsync(reference, reference.CreateMessage($"message {i}"));
        }

        var request = Assert.Single(Server.TokenRequests);
        Assert.Equal("client_credentials", request["grant_type"]);
        Assert.Equal(BotFrameworkTokens.AppId, request["client_id"]);
        Assert.Equal(FakeBotConnector.AppPassword, request["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request["scope"]);
        Assert.All(Server.Calls, c => Assert.Equal("Bearer token-1", c.Authorization));
    }

    [Fact]
    public async Task SendToConversationAsync_TokenNearExpiry_RenewedBeforeItExpires()
    {
        var reference = Incoming().ToConversationReference();
        await Client.SendToConversationAsync(reference, reference.CreateMessage("first"));

        // Tokens live 3599 s; renewal starts five minutes before the end.
        Time.Advance(TimeSpan.FromSeconds(3599 - 301));
        await Client.SendToConversationAsync(reference, reference.CreateMessage("still cached"));
        Time.Advance(TimeSpan.FromSeconds(2));
        await Client.SendToConversationAsync(reference, reference.CreateMessage("renewed"));

        Assert.Equal(2, Server.TokenRequests.Count);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], Server.Calls.Select(c => c.Authorization));
    }

    [Fact]
    public async Task SendToConversationAsync_ConcurrentSendsOnColdCache_ShareOneTokenRequest()
    {
        var reference = Incoming().ToConversationReference();
        var gate = Server.HoldTokenRequests();
        var sends = Enumerable.Range(0, 5)
            .Select(i => Client.SendToConversationAsync(reference, reference.CreateMessage($"m{i}"))).ToList();
        await Server.TokenRequestEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        gate.SetResult();
        await Task.WhenAll(sends);

        Assert.Single(Server.TokenRequests);
        Assert.Equal(5, Server.Calls.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_ConnectorRefusesToken_RenewsOnceAndSucceeds()
    {
        var reference = Incoming().ToConversationReference();
        await Client.SendToConversationAsync(reference, reference.CreateMessage("before"));
        Server.RevokeTokens();

        var response = await Client.SendToConversationAsync(reference, reference.CreateMessage("after"));

        Assert.NotNull(response.Id);
        Assert.Equal(2, Server.TokenRequests.Count);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], Server.Calls.Select(c => c.Authorization));
    }

    [Fact]
    public async Task SendToConversationAsync_TokenEndpointUnavailableOnce_TokenRequestRetriedThenSent()
    {
        var reference = Incoming().ToConversationReference();
        Server.EnqueueTokenAnswers(new ScriptedAnswer(503));

        var response = await DriveAsync(Client.SendToConversationAsync(reference, reference.CreateMessage("hi")));

        Assert.NotNull(response.Id);
        Assert.Equal(2, Server.TokenRequests.Count);
        Assert.Equal(["Bearer token-1"], Server.Calls.Select(c => c.Authorization));
    }

    [Fact]
    public async Task SendToConversationAsync_WrongAppPassword_ThrowsWithOAuthErrorAndCallsNothing()
    {
        await using var services = Services("wrong-password");
        var client = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<BotConnectorClient>(services);
        var reference = Incoming().ToConversationReference();

        var ex = await Assert.ThrowsAsync<BotConnectorException>(() => client.SendToConversationAsync(reference, reference.CreateMessage("hi")));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.Empty(Server.Calls);
    }

    [Fact]
    public async Task SendToConversationAsync_TooManyRequestsWithRetryAfter_WaitsThatLongThenSucceeds()
    {
        var reference = Incoming().ToConversationReference();
        Server.Enqueue(new ScriptedAnswer(429, RetryAfter: "3"));

        var response = await DriveAsync(Client.SendToConversationAsync(reference, reference.CreateMessage("hi")));

        Assert.Equal("activity-1", response.Id);
        Assert.Equal(2, Server.Calls.Count);
        // The fake clock keeps moving while calls travel, so only the lower bound is exact.
        Assert.True(Server.Calls[1].At - Server.Calls[0].At >= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task SendToConversationAsync_ServerErrorsPersist_RetriedWithGrowingBackoffThenThrows()
    {
        var reference = Incoming().ToConversationReference();
        Server.Enqueue(Enumerable.Repeat(new ScriptedAnswer(503), 10).ToArray());

        var ex = await Assert.ThrowsAsync<BotConnectorException>(
            () => DriveAsync(Client.SendToConversationAsync(reference, reference.CreateMessage("hi"))));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("Scripted", ex.ErrorCode);
        Assert.Equal(BotConnectorClient.MaxAttempts, Server.Calls.Count);
        // 1 s, 2 s, 4 s plus jitter; the fake clock keeps moving while calls travel, so only lower bounds are exact.
        var gaps = Server.Calls.Zip(Server.Calls.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.True(gaps[0] >= TimeSpan.FromSeconds(1), $"first wait {gaps[0]}");
        Assert.True(gaps[1] >= TimeSpan.FromSeconds(2), $"second wait {gaps[1]}");
        Assert.True(gaps[2] >= TimeSpan.FromSeconds(4), $"third wait {gaps[2]}");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(412)]
    public async Task SendToConversationAsync_OneTransientFailure_RetriedAndSucceeds(int status)
    {
        var reference = Incoming().ToConversationReference();
        Server.Enqueue(new ScriptedAnswer(status));

        var response = await DriveAsync(Client.SendToConversationAsync(reference, reference.CreateMessage("hi")));

        Assert.NotNull(response.Id);
        Assert.Equal(2, Server.Calls.Count);
        Assert.Equal(Server.Calls[0].Body, Server.Calls[1].Body);
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterAsADate_WaitsUntilThenSucceeds()
    {
        var reference = Incoming().ToConversationReference();
        var at = Time.GetUtcNow() + TimeSpan.FromSeconds(10);
        Server.Enqueue(new ScriptedAnswer(503, RetryAfter: at.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        var response = await DriveAsync(Client.SendToConversationAsync(reference, reference.CreateMessage("hi")));

        Assert.NotNull(response.Id);
        Assert.Equal(2, Server.Calls.Count);
        Assert.True(Server.Calls[1].At >= at, $"retried at {Server.Calls[1].At}, asked for {at}");
    }

    [Fact]
    public async Task SendToConversationAsync_TooManyRequestsPersist_ThrowsAfterTheTransportsTriesWithoutRetryAfter()
    {
        var reference = Incoming().ToConversationReference();
        Server.Enqueue(Enumerable.Repeat(new ScriptedAnswer(429, RetryAfter: "1"), 10).ToArray());

        var ex = await Assert.ThrowsAsync<BotConnectorException>(
            () => DriveAsync(Client.SendToConversationAsync(reference, reference.CreateMessage("hi"))));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        // The transport waited what was asked: nothing is left for the caller to wait for.
        Assert.Null(ex.RetryAfter);
        Assert.Equal(BotConnectorClient.MaxAttempts, Server.Calls.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterBeyondLimit_ThrowsAtOnceWithRetryAfter()
    {
        var reference = Incoming().ToConversationReference();
        Server.Enqueue(new ScriptedAnswer(429, RetryAfter: "120"));

        var ex = await Assert.ThrowsAsync<BotConnectorException>(() => Client.SendToConversationAsync(reference, reference.CreateMessage("hi")));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Single(Server.Calls);
    }

    [Fact]
    public async Task SendToConversationAsync_BadRequest_NotRetriedAndErrorReported()
    {
        var reference = Incoming().ToConversationReference();
        Server.Enqueue(new ScriptedAnswer(400, Body: """{"error":{"code":"BadArgument","message":"Activity text is too long"}}"""));

        var ex = await Assert.ThrowsAsync<BotConnectorException>(() => Client.SendToConversationAsync(reference, reference.CreateMessage("hi")));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("BadArgument", ex.ErrorCode);
        Assert.Equal("Activity text is too long", ex.ErrorMessage);
        Assert.Equal("SendToConversation", ex.Operation);
        Assert.Single(Server.Calls);
    }

    [Fact]
    public async Task SendToConversationAsync_BurstToOneConversation_SpacedPerTeamsLimitsOtherConversationNotHeld()
    {
        var reference = Incoming().ToConversationReference();
        var other = reference with { ConversationId = "a:1Other-chat" };
        var burst = Enumerable.Range(0, 12).Select(i => Client.SendToConversationAsync(reference, reference.CreateMessage($"m{i}"))).ToList();
        var start = Time.GetUtcNow();
        var aside = await Client.SendToConversationAsync(other, other.CreateMessage("not held"));

        await DriveAsync(Task.WhenAll(burst));

        Assert.NotNull(aside.Id);
        var inBurst = Server.Calls.Where(c => c.RawTarget.Contains("personal-chat", StringComparison.Ordinal)).Select(c => c.At).Order().ToList();
        Assert.Equal(12, inBurst.Count);
        // A call is seen no earlier than its slot (the fake clock only moves forward while it travels), so these
        // bounds hold however long the local round trips take: 7 at once, the 8th after a second, the rest after two.
        Assert.True(inBurst.Count(t => t < start + TimeSpan.FromSeconds(1)) <= 7, "More than 7 calls in the first second.");
        Assert.True(inBurst.Count(t => t < start + TimeSpan.FromSeconds(2)) <= 8, "More than 8 calls in the first two seconds.");
        Assert.True(inBurst[^1] - start >= TimeSpan.FromSeconds(2), "The burst was not spaced out.");
        Assert.True(Server.Calls.Single(c => c.RawTarget.Contains("Other-chat", StringComparison.Ordinal)).At - start < TimeSpan.FromSeconds(1));
    }
}
