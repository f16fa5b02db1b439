using System.Net;
using WealthActors.Silo.Tests.Audit;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

[Collection(ApiCollection.Name)]
public sealed class ServiceRequestsApiTests(ApiFactory api)
{
    [Fact]
    public async Task Open_Answers201WithTheRequestId_AndTheCommandsListAndAuditLikeComplaints()
    {
        var seed = await Seed.Create(api);
        var advisor = await api.AsPerson(seed.Advisor);

        var response = await advisor.PostJson("/api/service-requests", new { clientId = seed.Client, type = "DocumentRequest", description = "2025 年度对账单" });
        var opened = await response.Json(HttpStatusCode.Created);
        var id = opened.Str("requestId");
        Assert.Equal($"/api/service-requests/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("service-standard", opened.Str("policyId"));
        Assert.Equal(seed.Advisor, opened.Str("assignee"));

        await (await advisor.PostJson($"/api/service-requests/{id}/acknowledge", new { text = "已受理" })).Json(HttpStatusCode.OK);
        await (await advisor.PostJson($"/api/service-requests/{id}/acknowledge", new { })).Json(HttpStatusCode.Conflict);
        await (await advisor.PostJson($"/api/service-requests/{id}/resolve", new { })).Problem(HttpStatusCode.BadRequest, "text");
        await (await advisor.PostJson($"/api/service-requests/{id}/escalate", new { })).Json(HttpStatusCode.NotFound);
        var resolved = await (await advisor.PostJson($"/api/service-requests/{id}/resolve", new { text = "已寄出" })).Json(HttpStatusCode.OK);
        Assert.Equal("Resolved", resolved.Str("status"));
        Assert.Equal(["Opened", "Acknowledged", "Resolved"], resolved["timeline"]!.AsArray().Select(e => e!.Str("kind")));

        var listed = await (await api.As("Manager").GetAsync($"/api/service-requests?branchId={seed.Branch}&type=DocumentRequest")).Json(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(listed.AsArray())!.Str("requestId"));
        var entries = await AuditReader.Of(api, "service-request", id);
        Assert.Equal(
            ["service-request.escalate:404", "service-request.resolve:400", "service-request.acknowledge:409", "service-request.acknowledge:200", "service-request.create:201"],
            entries.Where(e => e.Str("action") != "service-request.resolve" || e.Str("outcome") != "200").Select(e => $"{e.Str("action")}:{e.Str("outcome")}"));
    }

    [Fact]
    public async Task BadInput_Is400NamingTheField_AndAStrangerSeesNothing()
    {
        var seed = await Seed.Create(api);
        var other = await Seed.Create(api);
        var system = api.As("System");

        await (await system.PostJson("/api/service-requests", new { clientId = seed.Client, description = "x", openedBy = seed.Advisor })).Problem(HttpStatusCode.BadRequest, "type");
        await (await system.PostJson("/api/service-requests", new { clientId = seed.Client, type = "ContactChange", openedBy = seed.Advisor })).Problem(HttpStatusCode.BadRequest, "description");
        await (await system.PostJson("/api/service-requests", new { clientId = "nobody", type = "ContactChange", description = "x", openedBy = seed.Advisor }))
            .Problem(HttpStatusCode.BadRequest, "clientId");
        await (await system.PostJson("/api/service-requests", new { clientId = seed.Client, type = "ContactChange", description = "x", openedBy = seed.Advisor, policyId = "vip" }))
            .Problem(HttpStatusCode.BadRequest, "policyId");

        var id = (await (await system.PostJson("/api/service-requests", new { clientId = seed.Client, type = "KycRenewal", description = "年度 KYC", openedBy = seed.Advisor }))
            .Json(HttpStatusCode.Created)).Str("requestId");
        var stranger = await api.AsPerson(other.Advisor);
        await (await stranger.GetAsync($"/api/service-requests/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await stranger.GetAsync($"/api/service-requests?branchId={seed.Branch}")).Json(HttpStatusCode.OK)).AsArray());
        Assert.Equal("service-kyc", (await (await system.GetAsync($"/api/service-requests/{id}")).Json(HttpStatusCode.OK)).Str("policyId"));
    }
}
