using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Bot;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>
/// The published Silo killed while a Teams push of an escalation is still on its way: after restart the push goes
/// out, once, and the inbox records it.
/// </summary>
public sealed class TeamsPushRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("wealthactors-push-").FullName;
    private readonly string _headObjectId = Guid.NewGuid().ToString("D");
    private FakeBotFrameworkIdentity _identity = null!;
    private FakeBotConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _identity = await FakeBotFrameworkIdentity.StartAsync();
        _connector = await FakeBotConnector.StartAsync(TimeProvider.System);
        _identity.Publish("push-recovery-key", 2, "msteams");
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _identity.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task Silo_KilledWithATeamsPushOnItsWay_PushesItOnceAfterRestart()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Sqlite__Path"] = Path.Combine(_dataDirectory, "wealthactors.db"),
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Teams__AppId"] = BotFrameworkTokens.AppId,
            ["Teams__AppPassword"] = FakeBotConnector.AppPassword,
            ["Teams__OpenIdMetadataUrl"] = _identity.MetadataUrl,
            ["Teams__TokenEndpoint"] = _connector.TokenEndpoint,
        };
        var httpPort = FreePort.Next();
        var head = new TeamsUser(_headObjectId, "Wang", _connector.ServiceUrl);
        string complaintId;
        var first = await SiloProcess.Start(environment, httpPort);
        try
        {
            using var http = first.Client();
            await Seed(http);
            // The branch head writes once: the bot keeps the chat, and the reply shows the Connector works.
            var hello = head.Message("帮助");
            Assert.Equal(HttpStatusCode.OK, (await PostActivity(http, hello)).StatusCode);
            await WaitFor(() => _connector.Calls.Any(c => c.RawTarget.EndsWith(Uri.EscapeDataString((string)hello["id"]!), StringComparison.Ordinal)), "the reply");

            // From now on the Connector refuses the bot's token and the renewal hangs: the push stays on its way.
            var gate = _connector.HoldTokenRequests();
            _connector.RevokeTokens();
            var opened = await (await http.PostJson("/api/complaints", new
            {
                clientId = "C1", category = "Service", severity = "High", channel = "phone", description = "Slow transfer",
                openedBy = "E1", policyId = "fast",
            })).Json(HttpStatusCode.Created);
            complaintId = opened.Str("complaintId");
            await WaitFor(() => _connector.Calls.Any(c => IsCard(c, head, complaintId)), "the first, refused, attempt of the push");
            await _connector.TokenRequestEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(["inbox"], (await Escalation(http, complaintId))["deliveredVia"]!.AsArray().Select(v => (string)v!));
            await first.Kill();
            gate.SetResult();
        }
        finally
        {
            await first.DisposeAsync();
            output.WriteLine(first.Output);
        }

        var attemptsBeforeRestart = _connector.Calls.Count(c => IsCard(c, head, complaintId));
        await using var second = await SiloProcess.Start(environment, httpPort);
        try
        {
            using var http = second.Client();
            JsonNode escalation;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            do
            {
                await Task.Delay(250);
                escalation = await Escalation(http, complaintId);
            }
            while (!escalation["deliveredVia"]!.AsArray().Any(v => (string?)v == "teams") && DateTime.UtcNow < deadline);

            Assert.Equal(["inbox", "teams"], escalation["deliveredVia"]!.AsArray().Select(v => (string)v!));
            // Drained: a reply asked for now leaves through the same queue as the push, behind anything handed over
            // before it (a second hand-over of the push after the restart among them).
            var again = head.Message("帮助");
            Assert.Equal(HttpStatusCode.OK, (await PostActivity(http, again)).StatusCode);
            await WaitFor(() => _connector.Calls.Any(c => c.RawTarget.EndsWith(Uri.EscapeDataString((string)again["id"]!), StringComparison.Ordinal)), "the reply behind it");
            Assert.Equal(1, _connector.Calls.Count(c => IsCard(c, head, complaintId)) - attemptsBeforeRestart);
        }
        finally
        {
            output.WriteLine(second.Output);
        }
    }

    private static bool IsCard(ConnectorCall call, TeamsUser user, string complaintId) =>
        call.Method == "POST" && call.RawTarget.EndsWith($"{Uri.EscapeDataString(user.ConversationId)}/activities", StringComparison.Ordinal)
        && JsonNode.Parse(call.Body)!["attachments"]?.ToJsonString().Contains(complaintId, StringComparison.Ordinal) == true;

    private async Task<HttpResponseMessage> PostActivity(HttpClient http, JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var token = BotFrameworkTokens.Create(
            FakeBotFrameworkIdentity.NewKey("push-recovery-key", 2), DateTimeOffset.UtcNow, new BotFrameworkTokens.Spec { ServiceUrl = _connector.ServiceUrl });
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    private async Task Seed(HttpClient http)
    {
        await (await http.PutJson("/api/branches/B1", new { name = "Lujiazui", headEmployeeId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E3", new { name = "Wang", role = "BranchHead", branchId = "B1", teamsUserId = _headObjectId })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E1", new { name = "Chen", role = "Advisor", branchId = "B1", managerId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/clients/C1", new { name = "张伟", branchId = "B1", advisorId = "E1", vip = true })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/sla-policies/fast", new
        {
            name = "Seconds-long test policy", match = new { categories = new[] { "never-matches" } }, priority = 0, clock = "Calendar",
            firstResponse = "PT1H", resolution = "P1D", warnAt = 0.9,
            escalations = new[] { new { after = "PT2S", toRole = "BranchHead", action = "Notify" } },
        })).Json(HttpStatusCode.OK);
    }

    private static async Task<JsonNode> Escalation(HttpClient http, string complaintId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var inbox = await (await http.GetAsync("/api/employees/E3/inbox")).Json(HttpStatusCode.OK);
            if (inbox.AsArray().FirstOrDefault(m => m!.Str("kind") == "Escalation" && m.Str("complaintId") == complaintId) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the escalation");
            await Task.Delay(250);
        }
    }
}
