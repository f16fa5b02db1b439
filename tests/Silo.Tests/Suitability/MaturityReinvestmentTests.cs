using System.Net;
using Microsoft.Extensions.Time.Testing;
using WealthActors.Silo.Tests.Care;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Suitability;

/// <summary>The maturity care task lists reinvestment candidates: products on sale that suit the client, and no other.</summary>
public sealed class MaturityReinvestmentTests
{
    [Fact]
    public async Task MaturityTask_ListsSuitableProductsOnly()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
        await using var api = ApiFactory.WithClock(clock);
        var seed = await CareSeed.Create(api, prefix: "RI");
        await seed.Client("RI1", riskAssessedOn: "2026-05-01");   // C3
        await seed.Holding("RI1", "P04", 2_000_000m, "2026-06-05");
        var admin = api.As("Admin");
        await SuitabilityApiTests.Shelve(admin, "RI-R3", "R3", type: "WealthProduct");
        await SuitabilityApiTests.Shelve(admin, "RI-R5", "R5");
        await (await admin.PutJson("/api/products/RI-OLD", new { name = "已结束", type = "PublicFund", risk = "R1", minimumInvestment = 1000, status = "Closed" })).Json(HttpStatusCode.OK);

        await seed.Run("care-maturity");

        var task = Assert.Single(await seed.Inbox(seed.Advisor)).Str("text");
        Assert.Contains("可续投", task);
        Assert.Contains("RI-R3", task);
        Assert.DoesNotContain("RI-R5", task);
        Assert.DoesNotContain("RI-OLD", task);
    }
}
