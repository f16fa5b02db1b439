using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

/// <summary><c>PUT /api/clients/{id}/household</c>: the related clients of a client, replaced as a whole.</summary>
[Collection(ApiCollection.Name)]
public sealed class HouseholdApiTests(ApiFactory api)
{
    [Fact]
    public async Task PutHousehold_ReplacesTheMembers_AndAnEmptyListClearsThem()
    {
        var seed = await Seed.Create(api);
        var system = api.As("System");

        var set = await (await system.PutJson($"/api/clients/{seed.VipClient}/household",
            new { members = new[] { new { clientId = seed.Client, relation = "配偶 spouse" } } })).Json(HttpStatusCode.OK);
        var read = await (await system.GetAsync($"/api/clients/{seed.VipClient}")).Json(HttpStatusCode.OK);
        var cleared = await (await system.PutJson($"/api/clients/{seed.VipClient}/household", new { members = Array.Empty<object>() })).Json(HttpStatusCode.OK);

        var member = Assert.Single(set["household"]!.AsArray());
        Assert.Equal((seed.Client, "配偶 spouse"), (member!.Str("clientId"), member.Str("relation")));
        Assert.Single(read["household"]!.AsArray());
        Assert.Empty(cleared["household"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"members":null}""", "members")]
    [InlineData("""{"members":[{"clientId":"SELF","relation":"self"}]}""", "members[0].clientId")]
    [InlineData("""{"members":[{"clientId":"NO-SUCH-CLIENT","relation":"child"}]}""", "members[0].clientId")]
    [InlineData("""{"members":[{"clientId":"OTHER","relation":""}]}""", "members[0].relation")]
    [InlineData("""{"members":[{"clientId":"OTHER","relation":"child"},{"clientId":"OTHER","relation":"spouse"}]}""", "members[1].clientId")]
    public async Task PutHousehold_BadMember_Is400NamingItAndChangesNothing(string body, string field)
    {
        var seed = await Seed.Create(api);
        var system = api.As("System");
        var json = body.Replace("SELF", seed.VipClient, StringComparison.Ordinal).Replace("OTHER", seed.Client, StringComparison.Ordinal);

        var problem = await (await system.PutRaw($"/api/clients/{seed.VipClient}/household", json)).Problem(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty((await (await system.GetAsync($"/api/clients/{seed.VipClient}")).Json(HttpStatusCode.OK))["household"]!.AsArray());
    }

    [Fact]
    public async Task PutHousehold_ByAnAdvisorOfAnotherBranch_Is404()
    {
        var seed = await Seed.Create(api);
        var other = await Seed.Create(api);
        var stranger = await api.AsPerson(other.Advisor);

        var answer = await stranger.PutJson($"/api/clients/{seed.VipClient}/household",
            new { members = new[] { new { clientId = other.Client, relation = "child" } } });

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task PutHousehold_NamingAClientTheAdvisorCannotSee_IsRefusedAsIfItDidNotExist()
    {
        var seed = await Seed.Create(api);
        var other = await Seed.Create(api);
        var advisor = await api.AsPerson(seed.Advisor);

        var problem = await (await advisor.PutJson($"/api/clients/{seed.VipClient}/household",
            new { members = new[] { new { clientId = other.Client, relation = "child" } } })).Problem(HttpStatusCode.BadRequest);

        Assert.Contains("members[0].clientId", problem["errors"]!.AsObject().Select(e => e.Key));
    }
}
