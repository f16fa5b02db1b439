using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

[Collection(ApiCollection.Name)]
public sealed class SlaPoliciesApiTests(ApiFactory api)
{
    [Fact]
    public async Task List_Defaults_HaveVipLadderInIsoDurations()
    {
        var policies = await (await api.As("Manager").GetAsync("/api/sla-policies")).Json(HttpStatusCode.OK);
        var vip = policies.AsArray().Single(p => p!.Str("id") == "vip")!;

        Assert.Equal("PT2H", vip.Str("firstResponse"));
        Assert.Equal(["PT12H", "P1D", "P2D"], vip["escalations"]!.AsArray().Select(e => e!.Str("after")));
        Assert.Equal("BranchHead", vip["escalations"]![1]!.Str("toRole"));
    }

    [Fact]
    public async Task Put_Twice_IncreasesVersion()
    {
        var id = $"p{Guid.NewGuid():N}"[..10];
        var policy = new
        {
            name = "Critical fees", match = new { categories = new[] { "Fees" }, severities = new[] { "Critical" } }, priority = 50,
            clock = "Calendar", firstResponse = "PT30M", resolution = "P5D", warnAt = 0.8,
            escalations = new[] { new { after = "PT4H", toRole = "BranchHead", action = "Notify" } },
        };

        var first = await (await api.As("Admin").PutJson($"/api/sla-policies/{id}", policy)).Json(HttpStatusCode.OK);
        var second = await (await api.As("Admin").PutJson($"/api/sla-policies/{id}", policy)).Json(HttpStatusCode.OK);

        Assert.Equal(1, first["version"]!.GetValue<int>());
        Assert.Equal(2, second["version"]!.GetValue<int>());
        Assert.Equal("PT30M", second.Str("firstResponse"));
    }

    [Theory]
    [InlineData("firstResponse", "2 hours")]
    [InlineData("resolution", "P")]
    [InlineData("escalations[0].after", "soon")]
    public async Task Put_BadDuration_Is400NamingTheField(string field, string value)
    {
        var id = $"p{Guid.NewGuid():N}"[..10];
        var body = new Dictionary<string, object?>
        {
            ["name"] = "x", ["clock"] = "Calendar", ["firstResponse"] = "PT1H", ["resolution"] = "P1D",
            ["escalations"] = new[] { new Dictionary<string, object?> { ["after"] = "PT2H", ["toRole"] = "TeamLead" } },
        };
        if (field.StartsWith("escalations", StringComparison.Ordinal))
        {
            body["escalations"] = new[] { new Dictionary<string, object?> { ["after"] = value, ["toRole"] = "TeamLead" } };
        }
        else
        {
            body[field] = value;
        }

        await (await api.As("Admin").PutJson($"/api/sla-policies/{id}", body)).Problem(HttpStatusCode.BadRequest, field);
        await (await api.As("Admin").GetAsync($"/api/sla-policies/{id}")).Problem(HttpStatusCode.NotFound);
    }
}
