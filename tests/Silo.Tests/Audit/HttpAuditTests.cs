using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WealthActors.Audit;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Audit;

/// <summary>
/// Every command through the HTTP API leaves one entry naming who, from where, what, on what, how it ended and a digest of
/// the body received, refusals included; so does every read of unmasked personal data.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HttpAuditTests(ApiFactory api)
{
    private static string OpenBody(Seed seed) =>
        $$"""{"clientId":"{{seed.VipClient}}","category":"Service","severity":"High","channel":"phone","description":"转账延迟","openedBy":"{{seed.Advisor}}"}""";

    private async Task<string> Open(Seed seed) =>
        (await (await api.As("Advisor").PostRaw("/api/complaints", OpenBody(seed))).Json(HttpStatusCode.Created)).Str("complaintId");

    [Fact]
    public async Task Command_Accepted_IsRecordedWithEveryField()
    {
        var seed = await Seed.Create(api);
        var id = await Open(seed);
        var body = $$"""{"by":"{{seed.Advisor}}","text":"已致电客户 called back"}""";

        await (await api.As("Advisor").PostRaw($"/api/complaints/{id}/acknowledge", body)).Json(HttpStatusCode.OK);

        var entries = await AuditReader.Of(api, "complaint", id);
        Assert.Equal(["complaint.acknowledge", "complaint.open"], entries.Select(e => e.Str("action")));
        var ack = entries[0];
        Assert.Equal("advisor", ack.Str("keyName"));
        Assert.Equal("api-key", ack.Str("door"));
        Assert.Null(ack["employeeId"]);
        Assert.Equal("http", ack.Str("channel"));
        Assert.Equal("127.0.0.1", ack.Str("clientAddress"));
        Assert.Equal(("complaint", id, "200"), (ack.Str("targetType"), ack.Str("targetId"), ack.Str("outcome")));
        Assert.Equal(AuditDigests.Of(Encoding.UTF8.GetBytes(body)), ack.Str("digest"));
        Assert.Equal("SHA256", ack.Str("algorithm"));
        Assert.Matches("^[0-9a-f]{64}$", ack.Str("hash"));
        Assert.Matches("^[0-9a-f]{64}$", ack.Str("previousHash"));
        Assert.True(ack["sequence"]!.GetValue<long>() > entries[1]["sequence"]!.GetValue<long>());
        Assert.Equal(ack.Str("chainId"), entries[1].Str("chainId"));
        // The open is named after the complaint it created (from its Location), with the 201 it answered.
        Assert.Equal(("201", AuditDigests.Of(Encoding.UTF8.GetBytes(OpenBody(seed)))), (entries[1].Str("outcome"), entries[1].Str("digest")));
    }

    [Fact]
    public async Task Command_RefusedForTheRole_Is403AndRecorded()
    {
        var seed = await Seed.Create(api);
        var id = await Open(seed);
        var body = $$"""{"by":"{{seed.Advisor}}"}""";

        var response = await api.As("Compliance").PostRaw($"/api/complaints/{id}/acknowledge", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = (await AuditReader.Of(api, "complaint", id))[0];
        Assert.Equal(("complaint.acknowledge", "403", "compliance"), (entry.Str("action"), entry.Str("outcome"), entry.Str("keyName")));
        Assert.Equal(AuditDigests.Of(Encoding.UTF8.GetBytes(body)), entry.Str("digest"));
        var complaint = await (await api.As("Advisor").GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal("Open", complaint.Str("status"));
    }

    [Fact]
    public async Task Command_Invalid_Is400AndRecorded()
    {
        var seed = await Seed.Create(api);
        var id = await Open(seed);

        await (await api.As("Advisor").PostRaw($"/api/complaints/{id}/pause", $$"""{"by":"{{seed.Advisor}}"}""")).Problem(HttpStatusCode.BadRequest, "reason");

        var entry = (await AuditReader.Of(api, "complaint", id))[0];
        Assert.Equal(("complaint.pause", "400"), (entry.Str("action"), entry.Str("outcome")));
    }

    [Fact]
    public async Task Command_InvalidTransitionAndUnknownCommand_Are409And404AndRecorded()
    {
        var seed = await Seed.Create(api);
        var id = await Open(seed);
        var advisor = api.As("Advisor");
        var body = new { by = seed.Advisor };
        await (await advisor.PostJson($"/api/complaints/{id}/acknowledge", body)).Json(HttpStatusCode.OK);

        await (await advisor.PostJson($"/api/complaints/{id}/acknowledge", body)).Json(HttpStatusCode.Conflict);
        await (await advisor.PostJson($"/api/complaints/{id}/escalate", body)).Json(HttpStatusCode.NotFound);

        var entries = await AuditReader.Of(api, "complaint", id);
        Assert.Equal(["complaint.escalate:404", "complaint.acknowledge:409", "complaint.acknowledge:200", "complaint.open:201"],
            entries.Select(e => $"{e.Str("action")}:{e.Str("outcome")}"));
    }

    [Fact]
    public async Task Command_WithUnknownKey_Is401AndRecordedWithoutACaller()
    {
        var branch = $"B401-{Guid.NewGuid():N}"[..20];
        var client = api.As(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-a-configured-key-at-all");

        var response = await client.PutAsJsonAsync($"/api/branches/{branch}", new { name = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var entry = Assert.Single(await AuditReader.Of(api, "branch", branch));
        Assert.Equal(("branch.upsert", "401"), (entry.Str("action"), entry.Str("outcome")));
        Assert.Null(entry["keyName"]);
        Assert.Null(entry["door"]);
    }

    [Fact]
    public async Task UnmaskedRead_IsRecorded_MaskedReadIsNot()
    {
        var seed = await Seed.Create(api);

        var unmasked = await (await api.As("System").GetAsync($"/api/clients/{seed.VipClient}")).Json(HttpStatusCode.OK);
        var masked = await (await api.As("Advisor").GetAsync($"/api/clients/{seed.VipClient}")).Json(HttpStatusCode.OK);

        Assert.Equal("13812345678", unmasked["profile"]!.Str("phone"));
        Assert.Equal("138****5678", masked["profile"]!.Str("phone"));
        var reads = (await AuditReader.Of(api, "client", seed.VipClient)).Where(e => e.Str("action") == "client.read-unmasked").ToList();
        var read = Assert.Single(reads);
        Assert.Equal(("system", "200", "http"), (read.Str("keyName"), read.Str("outcome"), read.Str("channel")));
    }

    [Fact]
    public async Task CreatedResource_NamesTheLocationAsTarget_ForOtherRoutesTheRouteValue()
    {
        var seed = await Seed.Create(api);

        var entries = await AuditReader.Of(api, "client", seed.VipClient);

        var upsert = Assert.Single(entries, e => e.Str("action") == "client.upsert");
        Assert.Equal(("system", "200"), (upsert.Str("keyName"), upsert.Str("outcome")));
        Assert.Single(await AuditReader.Of(api, "employee", seed.Advisor), e => e.Str("action") == "employee.upsert");
    }

    [Fact]
    public async Task WebChat_RecordsTheHttpRequestAndTheChatCommand()
    {
        var seed = await Seed.Create(api);

        var reply = await (await api.AsPerson(seed.Advisor)).PostJson("/api/webchat/messages", new { text = "my queue" });

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var (entries, _) = await AuditReader.Page(api, $"actor={seed.Advisor}&limit=50");
        var chat = Assert.Single(entries, e => e.Str("channel") == "webchat");
        Assert.Equal(("complaint.queue", "ok"), (chat.Str("action"), chat.Str("outcome")));
        Assert.Contains(entries, e => e.Str("action") == "webchat.message" && e.Str("outcome") == "200");
    }

    [Fact]
    public async Task JobRunByHand_IsRecordedWithWhoAsked()
    {
        var response = await api.As("Admin").PostAsync("/api/admin/jobs/sla-digest/run", null);
        var unknown = await api.As("Admin").PostAsync("/api/admin/jobs/no-such-job/run", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var entry = (await AuditReader.Of(api, "job", "sla-digest")).First(e => e.Str("keyName") == "admin");
        Assert.Equal(("job.run", "200"), (entry.Str("action"), entry.Str("outcome")));
        Assert.Equal("404", Assert.Single(await AuditReader.Of(api, "job", "no-such-job")).Str("outcome"));
    }

    [Fact]
    public async Task Entries_OfOneProcess_FormOneVerifiableChain()
    {
        var seed = await Seed.Create(api);
        await Open(seed);

        var (entries, _) = await AuditReader.Page(api, "order=asc&limit=1000");

        var chains = entries.GroupBy(e => e.Str("chainId")).ToList();
        var chain = Assert.Single(chains);
        var sequences = chain.Select(e => e["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        var previous = chain.Zip(chain.Skip(1), (a, b) => (a, b)).Where(p => p.b["sequence"]!.GetValue<long>() == p.a["sequence"]!.GetValue<long>() + 1);
        Assert.All(previous, p => Assert.Equal(p.a.Str("hash"), p.b.Str("previousHash")));
    }
}
