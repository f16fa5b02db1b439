using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

[Collection(ApiCollection.Name)]
public sealed class ClientsApiTests(ApiFactory api)
{
    [Fact]
    public async Task GetClient_AsAdvisor_MasksPersonalData()
    {
        var seed = await Seed.Create(api);

        var client = await (await api.As("Advisor").GetAsync($"/api/clients/{seed.VipClient}")).Json(HttpStatusCode.OK);

        Assert.Equal("138****5678", client["profile"]!.Str("phone"));
        Assert.Equal("**************5678", client["profile"]!.Str("idNumber"));
        Assert.True(client["vip"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GetClient_AsSystem_ShowsPersonalData()
    {
        var seed = await Seed.Create(api);

        var client = await (await api.As("System").GetAsync($"/api/clients/{seed.VipClient}")).Json(HttpStatusCode.OK);

        Assert.Equal("13812345678", client["profile"]!.Str("phone"));
    }

    [Fact]
    public async Task GetClient_Unknown_Is404()
    {
        await (await api.As("Advisor").GetAsync("/api/clients/C-NOT-THERE")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SearchClients_ByNameAndById_FindsThem()
    {
        var seed = await Seed.Create(api);

        var byName = await (await api.As("Advisor").GetAsync($"/api/clients?q={Uri.EscapeDataString("张伟 " + seed.Prefix)}")).Json(HttpStatusCode.OK);
        var byId = await (await api.As("Advisor").GetAsync($"/api/clients?q={seed.Client}")).Json(HttpStatusCode.OK);

        Assert.Equal(seed.VipClient, Assert.Single(byName.AsArray())!.Str("clientId"));
        Assert.Equal(seed.Client, byId.AsArray()[0]!.Str("clientId"));
    }

    [Fact]
    public async Task SearchClients_WithoutQuery_Is400NamingQ()
    {
        await (await api.As("Advisor").GetAsync("/api/clients")).Problem(HttpStatusCode.BadRequest, "q");
    }

    [Fact]
    public async Task AddHolding_RaisesAumAndTier()
    {
        var seed = await Seed.Create(api);

        var client = await (await api.As("System").PostJson($"/api/clients/{seed.Client}/holdings", new
        {
            productCode = "WM-01", productName = "Steady", productRisk = "R2", amount = 7_000_000m, maturityDate = "2027-06-30",
        })).Json(HttpStatusCode.OK);

        Assert.Equal(7_000_000m, client["aum"]!.GetValue<decimal>());
        Assert.Equal("HighNetWorth", client.Str("tier"));
        Assert.True(client["vip"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AddHolding_NegativeAmount_Is400AndNothingStored()
    {
        var seed = await Seed.Create(api);

        await (await api.As("System").PostJson($"/api/clients/{seed.Client}/holdings", new
        {
            productCode = "WM-01", productName = "Steady", productRisk = "R2", amount = -1m,
        })).Problem(HttpStatusCode.BadRequest, "amount");

        var client = await (await api.As("System").GetAsync($"/api/clients/{seed.Client}")).Json(HttpStatusCode.OK);
        Assert.Empty(client["holdings"]!.AsArray());
    }

    [Fact]
    public async Task PutClient_ImpossibleDate_Is400NamingBirthday()
    {
        var response = await api.As("System").PutRaw("/api/clients/C-DATE",
            """{"name":"X","birthday":"2026-02-30","branchId":"B1","advisorId":"E1"}""");

        await response.Problem(HttpStatusCode.BadRequest, "birthday");
        await (await api.As("System").GetAsync("/api/clients/C-DATE")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutClient_MalformedJson_Is400()
    {
        var response = await api.As("System").PutRaw("/api/clients/C-JSON", """{"name":"X",""");

        await response.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PutClient_UnknownAdvisor_Is400NamingAdvisorId()
    {
        var response = await api.As("System").PutJson("/api/clients/C-ADV", new { name = "X", branchId = "B1", advisorId = "NO-SUCH-ADVISOR" });

        await response.Problem(HttpStatusCode.BadRequest, "advisorId");
    }

    [Fact]
    public async Task PutClient_OversizedBody_Is413()
    {
        var huge = new string('x', 300_000);

        var response = await api.As("System").PutJson("/api/clients/C-BIG", new { name = "X", branchId = "B1", advisorId = "E1", tags = new[] { huge } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task LogInteraction_Valid_AppearsInTheView()
    {
        var seed = await Seed.Create(api);

        await (await api.As("Advisor").PostJson($"/api/clients/{seed.Client}/interactions", new
        {
            kind = "Call", employeeId = seed.Advisor, note = "Discussed the maturity",
        })).Json(HttpStatusCode.Created);

        var client = await (await api.As("Advisor").GetAsync($"/api/clients/{seed.Client}")).Json(HttpStatusCode.OK);
        Assert.Equal("Discussed the maturity", client["recentInteractions"]!.AsArray()[0]!.Str("note"));
    }

    [Fact]
    public async Task LogInteraction_UnknownKind_Is400NamingKind()
    {
        var seed = await Seed.Create(api);

        var response = await api.As("Advisor").PostRaw($"/api/clients/{seed.Client}/interactions",
            $$"""{"kind":"Telepathy","employeeId":"{{seed.Advisor}}","note":"x"}""");

        await response.Problem(HttpStatusCode.BadRequest, "kind");
    }
}
