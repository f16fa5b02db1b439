using WealthActors.Bot.Channels.Teams;
using WealthActors.Bot.Channels.Teams.Chat;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Employees;

namespace WealthActors.Bot.Tests.Channels.Teams.Chat;

[Collection(BotClusterCollection.Name)]
public sealed class TeamsIdentityTests(BotClusterFixture cluster)
{
    private async Task<string> Employee(string teamsUserId)
    {
        var id = $"E-{Guid.NewGuid():N}";
        await cluster.Grains.GetGrain<IEmployeeGrain>(id).Upsert(
            new EmployeeProfile("李娜", EmployeeRole.Advisor, "B1", null, null, teamsUserId), Actor.System("tests"));
        return id;
    }

    private static ChannelAccount User(string? objectId) => new() { Id = $"29:1{Guid.NewGuid():N}", Name = "Li Na", AadObjectId = objectId };

    [Fact]
    public async Task ResolveAsync_ObjectIdRegisteredInAnotherCase_FindsTheEmployee()
    {
        var objectId = Guid.NewGuid().ToString("D");
        var employee = await Employee(objectId.ToUpperInvariant());

        Assert.Equal(employee, await TeamsIdentity.ResolveAsync(cluster.Grains, User(objectId)));
    }

    [Fact]
    public async Task ResolveAsync_TeamsUserIdRegistered_FindsTheEmployee()
    {
        var user = User(Guid.NewGuid().ToString("D"));
        var employee = await Employee(user.Id);

        Assert.Equal(employee, await TeamsIdentity.ResolveAsync(cluster.Grains, user));
    }

    [Fact]
    public async Task ResolveAsync_NobodyRegistered_IsNull()
    {
        Assert.Null(await TeamsIdentity.ResolveAsync(cluster.Grains, User(Guid.NewGuid().ToString("D"))));
        Assert.Null(await TeamsIdentity.ResolveAsync(cluster.Grains, null));
    }

    [Fact]
    public void Candidates_UserWithObjectId_LooksTheObjectIdUpFirst()
    {
        var user = User("6f1c7c2e-0d3b-4b8a-a1e4-2c9d5e7f8a10");

        Assert.Equal(["6f1c7c2e-0d3b-4b8a-a1e4-2c9d5e7f8a10", user.Id], TeamsIdentity.Candidates(user));
        Assert.Equal([user.Id], TeamsIdentity.Candidates(user with { AadObjectId = null }));
    }

    [Theory]
    [InlineData("6F1C7C2E-0D3B-4B8A-A1E4-2C9D5E7F8A10", "6f1c7c2e-0d3b-4b8a-a1e4-2c9d5e7f8a10")]
    [InlineData("29:1Xyz-advisor_LiNa", null)]
    public void AccountOf_TeamsUserId_NamesTheObjectIdOnlyWhenItIsOne(string teamsUserId, string? objectId)
    {
        var account = TeamsIdentity.AccountOf(teamsUserId, "Li Na");

        Assert.Equal((teamsUserId, objectId), (account.Id, account.AadObjectId));
    }
}
