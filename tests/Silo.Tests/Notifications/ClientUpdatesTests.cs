using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Notifications;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Notifications;

/// <summary>A Silo with WeCom and an SMS gateway, both local fakes speaking their protocols.</summary>
public sealed class ClientUpdatesFixture : IAsyncLifetime
{
    public FakeWeComServer WeCom { get; private set; } = null!;

    public FakeSmsGateway Sms { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WeCom = await FakeWeComServer.StartAsync();
        Sms = await FakeSmsGateway.StartAsync();
        var settings = WeComCallbackRequests.Settings(WeCom);
        settings["Notifications:Sms:BaseUrl"] = Sms.BaseAddress.ToString();
        settings["Notifications:Sms:ApiKey"] = FakeSmsGateway.ApiKey;
        Api = ApiFactory.With(settings);
        Api.As(null).Dispose();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Sms.DisposeAsync();
        await WeCom.DisposeAsync();
    }
}

public sealed class ClientUpdatesTests(ClientUpdatesFixture silo) : IClassFixture<ClientUpdatesFixture>
{
    private sealed record Org(string Branch, string Advisor, string AdvisorWeCom);

    private async Task<Org> CreateOrg()
    {
        var p = $"N{Guid.NewGuid():N}"[..10];
        var org = new Org($"{p}-B", $"{p}-E1", $"{p}-wecom");
        var admin = silo.Api.As("Admin");
        await (await admin.PutJson($"/api/branches/{org.Branch}", new { name = "Lujiazui", headEmployeeId = $"{p}-E3" })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{p}-E3", new { name = "王行长", role = "BranchHead", branchId = org.Branch })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{org.Advisor}", new { name = "陈顾问", role = "Advisor", branchId = org.Branch, managerId = $"{p}-E3", wecomUserId = org.AdvisorWeCom })).Json(HttpStatusCode.OK);
        return org;
    }

    private async Task<string> Client(Org org, string suffix, object consent, string? phone, string? external)
    {
        var id = $"{org.Advisor}-{suffix}";
        await (await silo.Api.As("System").PutJson($"/api/clients/{id}", new
        {
            name = "周杰", phone, branchId = org.Branch, advisorId = org.Advisor, updateConsent = consent, wecomExternalUserId = external,
        })).Json(HttpStatusCode.OK);
        return id;
    }

    private async Task<string> Complaint(string clientId)
    {
        var system = silo.Api.As("System");
        return (await (await system.PostJson("/api/complaints", new
        {
            clientId, category = "Service", severity = "High", channel = "phone", description = "Transfer delayed", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");
    }

    private async Task Command(string complaintId, string command, object body) =>
        await (await silo.Api.As("System").PostJson($"/api/complaints/{complaintId}/{command}", body)).Json(HttpStatusCode.OK);

    private async Task<List<string>> ClientUpdateEntries(string complaintId, int expected) =>
        (await Eventually.Until(
            async () => (await (await silo.Api.As("System").GetAsync($"/api/complaints/{complaintId}/timeline?limit=500")).Json(HttpStatusCode.OK))["entries"]!
                .AsArray().Where(e => e!.Str("kind") == "ClientUpdate").Select(e => e!.Str("text")!).Reverse().ToList(),
            entries => entries.Count >= expected, $"{expected} client updates on {complaintId}", timeoutMs: 30_000));

    [Fact]
    public async Task Acknowledged_Extended_Resolved_TellTheConsentingClientOnceEachThroughWeCom()
    {
        var org = await CreateOrg();
        var external = $"wm{Guid.NewGuid():N}";
        silo.WeCom.AddExternalContact(external, org.AdvisorWeCom);
        var clientId = await Client(org, "W", new[] { "wecom", "sms" }, "13912345678", external);
        var complaintId = await Complaint(clientId);

        await Command(complaintId, "acknowledge", new { by = org.Advisor, text = "called back" });
        await Command(complaintId, "extend", new { by = org.Advisor, reason = "needs the custodian's records" });
        await Command(complaintId, "notes", new { by = org.Advisor, text = "no update owed for a note" });
        await Command(complaintId, "resolve", new { by = org.Advisor, text = "refunded" });
        var entries = await ClientUpdateEntries(complaintId, 3);

        var sent = silo.WeCom.CustomerMessages.Where(m => m.ExternalUserId == external).ToList();
        Assert.Equal(3, sent.Count);
        Assert.All(sent, m => Assert.Equal(org.AdvisorWeCom, m.Sender));
        Assert.Contains("已受理", sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("延至", sent[1].Text, StringComparison.Ordinal);
        Assert.Contains("已处理完毕", sent[2].Text, StringComparison.Ordinal);
        Assert.All(sent, m => Assert.Contains(complaintId, m.Text, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Contains("told the client by wecom", e, StringComparison.Ordinal));
        Assert.Equal(3, entries.Count);
        Assert.DoesNotContain(silo.Sms.Requests, r => ((string?)r["messageId"])?.StartsWith(complaintId, StringComparison.Ordinal) == true);
        // Each change once, now and later: an outcome reaches the timeline only after its update's grain stored it, and
        // a stored outcome is final (that grain never sends its key again); each was one hand-over to WeCom.
        var grains = silo.Api.Services.GetRequiredService<IGrainFactory>();
        foreach (var key in entries.Select(e => e[1..e.IndexOf(']', StringComparison.Ordinal)]))
        {
            var outcome = await grains.GetGrain<IClientUpdateGrain>(key).GetOutcome();
            Assert.Equal((ClientUpdateStatus.Sent, "wecom", 1), (outcome!.Status, outcome.Channel, outcome.Attempts));
        }
    }

    [Fact]
    public async Task Sms_ARetriedFailureIsSentOnce_ABadNumberAndWeComRefusalsDoNotBlockTheCase()
    {
        var org = await CreateOrg();
        var smsClient = await Client(org, "S", new[] { "sms" }, "+8613812345678", null);
        var strangerExternal = $"wm{Guid.NewGuid():N}";
        silo.WeCom.AddExternalContact(strangerExternal, "someone-else");
        var refusedClient = await Client(org, "R", new[] { "wecom", "sms" }, "021-6888 1234", strangerExternal);
        var silentClient = await Client(org, "Q", Array.Empty<string>(), "13900000000", null);
        var smsCase = await Complaint(smsClient);
        var refusedCase = await Complaint(refusedClient);
        var silentCase = await Complaint(silentClient);

        silo.Sms.FailNext(1);
        await Command(smsCase, "acknowledge", new { by = org.Advisor });
        var smsEntries = await ClientUpdateEntries(smsCase, 1);
        await Command(refusedCase, "acknowledge", new { by = org.Advisor });
        await Command(refusedCase, "resolve", new { by = org.Advisor, text = "explained the fee" });
        var refusedEntries = await ClientUpdateEntries(refusedCase, 2);
        await Command(silentCase, "resolve", new { by = org.Advisor, text = "done" });

        Assert.Contains("told the client by sms", Assert.Single(smsEntries), StringComparison.Ordinal);
        var sent = silo.Sms.Sent.Where(m => m.Key.StartsWith(smsCase, StringComparison.Ordinal)).ToList();
        Assert.Equal("+8613812345678", Assert.Single(sent).Value.To);
        Assert.True(silo.Sms.Requests.Count(r => ((string?)r["messageId"])!.StartsWith(smsCase, StringComparison.Ordinal)) >= 2, "the failed attempt was retried");
        Assert.All(refusedEntries, e => Assert.Contains("refused by sms: invalid mobile number", e, StringComparison.Ordinal));
        Assert.DoesNotContain(silo.WeCom.CustomerMessages, m => m.ExternalUserId == strangerExternal);
        Assert.Equal("Resolved", (await (await silo.Api.As("System").GetAsync($"/api/complaints/{refusedCase}")).Json(HttpStatusCode.OK)).Str("status"));
        var silent = await (await silo.Api.As("System").GetAsync($"/api/complaints/{silentCase}/timeline")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(silent["entries"]!.AsArray(), e => e!.Str("kind") == "ClientUpdate");
        Assert.DoesNotContain(silo.Sms.Requests, r => ((string?)r["to"]) == "13900000000");
    }

    [Fact]
    public async Task ClientProfile_ConsentAndWeComContact_AreKeptUnlessNamed_AndCheckedByField()
    {
        var org = await CreateOrg();
        var clientId = await Client(org, "P", new[] { "sms" }, "13912345678", "wmKEEP");
        var system = silo.Api.As("System");

        await (await system.PutJson($"/api/clients/{clientId}", new { name = "周杰", branchId = org.Branch, advisorId = org.Advisor })).Json(HttpStatusCode.OK);
        var kept = await (await system.GetAsync($"/api/clients/{clientId}")).Json(HttpStatusCode.OK);
        await (await system.PutJson($"/api/clients/{clientId}", new { name = "周杰", branchId = org.Branch, advisorId = org.Advisor, updateConsent = new[] { "fax" } }))
            .Problem(HttpStatusCode.BadRequest, "updateConsent[0]");
        await (await system.PutJson($"/api/clients/{clientId}", new { name = "周杰", branchId = org.Branch, advisorId = org.Advisor, wecomExternalUserId = "wm bad id" }))
            .Problem(HttpStatusCode.BadRequest, "wecomExternalUserId");
        await (await system.PutJson($"/api/clients/{clientId}", new { name = "周杰", branchId = org.Branch, advisorId = org.Advisor, updateConsent = Array.Empty<string>(), wecomExternalUserId = "" })).Json(HttpStatusCode.OK);
        var cleared = await (await system.GetAsync($"/api/clients/{clientId}")).Json(HttpStatusCode.OK);

        Assert.Equal(["sms"], kept["profile"]!["updateConsent"]!.AsArray().Select(c => (string)c!));
        Assert.True((bool)kept["profile"]!["hasWeComContact"]!);
        Assert.DoesNotContain("wmKEEP", kept.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(cleared["profile"]!["updateConsent"]!.AsArray());
        Assert.False((bool)cleared["profile"]!["hasWeComContact"]!);
    }
}
