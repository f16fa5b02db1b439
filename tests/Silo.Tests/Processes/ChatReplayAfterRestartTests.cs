using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Bot;
using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>
/// The Silo on a SQLite file, killed and started again: a WeCom callback and a Teams activity that were acted on
/// before are sent again, exactly as captured (still fresh, still signed), and run nothing the second time.
/// </summary>
public sealed class ChatReplayAfterRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string SigningKeyId = "replay-key";
    private const string AdvisorWeCom = "chen.wecom";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("wealthactors-replay-").FullName;
    private readonly string _advisorObjectId = Guid.NewGuid().ToString("D");
    private FakeWeComServer _weCom = null!;
    private FakeBotFrameworkIdentity _identity = null!;
    private FakeBotConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _weCom = await FakeWeComServer.StartAsync();
        _identity = await FakeBotFrameworkIdentity.StartAsync();
        _connector = await FakeBotConnector.StartAsync(TimeProvider.System);
        _identity.Publish(SigningKeyId, 3, "msteams");
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _identity.DisposeAsync();
        await _weCom.DisposeAsync();
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
    public async Task ChatDeliveries_ReplayedAfterARestart_RunTheirCommandsOnce()
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
        foreach (var (key, value) in WeComCallbackRequests.Settings(_weCom))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        var httpPort = FreePort.Next();
        var teams = new TeamsUser(_advisorObjectId, "Chen", _connector.ServiceUrl);
        string complaintId;
        WeComSignedCallback weComNote;
        (JsonObject Activity, string Token) teamsNote;
        var first = await SiloProcess.Start(environment, httpPort);
        try
        {
            using var http = first.Client();
            complaintId = await Seed(http);
            weComNote = WeComCallbackRequests.Sign(
                WeComCallbackRequests.TextXml(AdvisorWeCom, $"备注 {complaintId} called-by-wecom", "7001", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow);
            teamsNote = (teams.Message($"备注 {complaintId} mailed-by-teams"), Token());

            Assert.Equal(HttpStatusCode.OK, (await PostWeCom(http, weComNote)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PostTeams(http, teamsNote)).StatusCode);
            await Eventually.Until(() => Notes(http, complaintId), n => n.Length == 2, "both notes before the restart", 30_000);
        }
        finally
        {
            await first.Kill();
            await first.DisposeAsync();
            output.WriteLine(first.Output);
        }

        await using var second = await SiloProcess.Start(environment, httpPort);
        try
        {
            using var http = second.Client();

            var weComReplay = await PostWeCom(http, weComNote);
            var teamsReplay = await PostTeams(http, teamsNote);

            Assert.Equal(HttpStatusCode.OK, weComReplay.StatusCode);
            Assert.Equal("", await weComReplay.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, teamsReplay.StatusCode);
            // Both were recognised at the door, before anything was dispatched.
            await Eventually.Until(() => Task.FromResult(second.Output), o => o.Contains("WeCom callback: wecom:", StringComparison.Ordinal)
                && o.Contains("seen before; ignored", StringComparison.Ordinal) && o.Contains("Teams: message activity", StringComparison.Ordinal), "the duplicates logged");

            // A new message after the replays is the signal: once its note is there, a replayed command would have been too.
            var marker = WeComCallbackRequests.Sign(
                WeComCallbackRequests.TextXml(AdvisorWeCom, $"备注 {complaintId} after-restart", "7002", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow);
            Assert.Equal(HttpStatusCode.OK, (await PostWeCom(http, marker)).StatusCode);
            var notes = await Eventually.Until(() => Notes(http, complaintId), n => n.Any(t => t.Contains("after-restart", StringComparison.Ordinal)), "the marker note", 30_000);

            Assert.Single(notes, n => n.Contains("called-by-wecom", StringComparison.Ordinal));
            Assert.Single(notes, n => n.Contains("mailed-by-teams", StringComparison.Ordinal));
            Assert.Equal(3, notes.Length);
        }
        finally
        {
            output.WriteLine(second.Output);
        }
    }

    private string Token() => BotFrameworkTokens.Create(
        FakeBotFrameworkIdentity.NewKey(SigningKeyId, 3), DateTimeOffset.UtcNow, new BotFrameworkTokens.Spec { ServiceUrl = _connector.ServiceUrl });

    private static Task<HttpResponseMessage> PostWeCom(HttpClient http, WeComSignedCallback callback) =>
        http.PostAsync($"/api/wecom/callback?{callback.Query}", new StringContent(callback.Body, Encoding.UTF8, "application/xml"));

    private static async Task<HttpResponseMessage> PostTeams(HttpClient http, (JsonObject Activity, string Token) captured)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(captured.Activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", captured.Token);
        return await http.SendAsync(request);
    }

    private static async Task<string[]> Notes(HttpClient http, string complaintId)
    {
        var complaint = await (await http.GetAsync($"/api/complaints/{complaintId}")).Json(HttpStatusCode.OK);
        return complaint["timeline"]!.AsArray().Where(t => t!.Str("kind") == "Note").Select(t => t!.Str("text")).ToArray();
    }

    private async Task<string> Seed(HttpClient http)
    {
        await (await http.PutJson("/api/branches/B1", new { name = "Lujiazui", headEmployeeId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E3", new { name = "Wang", role = "BranchHead", branchId = "B1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E1", new
        {
            name = "Chen", role = "Advisor", branchId = "B1", managerId = "E3", wecomUserId = AdvisorWeCom, teamsUserId = _advisorObjectId,
        })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/clients/C1", new { name = "张伟", branchId = "B1", advisorId = "E1" })).Json(HttpStatusCode.OK);
        var opened = await (await http.PostJson("/api/complaints", new
        {
            clientId = "C1", category = "Service", severity = "Low", channel = "phone", description = "Statement missing", openedBy = "E1",
        })).Json(HttpStatusCode.Created);
        return opened.Str("complaintId");
    }
}
