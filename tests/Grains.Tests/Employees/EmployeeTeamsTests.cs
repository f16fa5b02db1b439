using WealthActors.Channels;
using WealthActors.Employees;
using WealthActors.Grains.Tests.Infrastructure;

namespace WealthActors.Grains.Tests.Employees;

[Collection(ClusterCollection.Name)]
public sealed class EmployeeTeamsTests(ClusterFixture fixture)
{
    private static TeamsConversationReference Reference(string conversationId) => new(
        "https://smba.trafficmanager.net/amer/", "msteams", conversationId,
        new TeamsAccount("28:bot", "WealthActors", null), new TeamsAccount("29:user", "Li Na", "6f1c7c2e-0d3b-4b8a-a1e4-2c9d5e7f8a10"),
        "3c1a9f0e-5b7d-4e2a-9c11-7d0b8e6f4a21", "personal");

    [Fact]
    public async Task SetTeamsConversation_NewerReference_ReplacesTheOldAndSurvivesReactivation()
    {
        var employee = fixture.Grains.GetGrain<IEmployeeGrain>($"E-{Guid.NewGuid():N}");

        Assert.True(await employee.SetTeamsConversation(Reference("a:first")));
        Assert.False(await employee.SetTeamsConversation(Reference("a:first")));
        Assert.True(await employee.SetTeamsConversation(Reference("a:second")));
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(Reference("a:second"), await employee.GetTeamsConversation());
    }

    [Fact]
    public async Task GetTeamsConversation_PersonNeverWrote_IsNull()
    {
        Assert.Null(await fixture.Grains.GetGrain<IEmployeeGrain>($"E-{Guid.NewGuid():N}").GetTeamsConversation());
    }

    [Fact]
    public async Task TenantRemember_ChangedContact_KeepsTheNewest()
    {
        var tenant = fixture.Grains.GetGrain<ITeamsTenantGrain>(Guid.NewGuid().ToString("D"));
        var bot = new TeamsAccount("28:bot", "WealthActors", null);
        Assert.Null(await tenant.Get());

        await tenant.Remember(new TeamsTenantContact("t", "https://smba.trafficmanager.net/amer/", "msteams", bot));
        await tenant.Remember(new TeamsTenantContact("t", "https://smba.trafficmanager.net/emea/", "msteams", bot));
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal("https://smba.trafficmanager.net/emea/", (await tenant.Get())!.ServiceUrl);
    }

    [Theory]
    [InlineData("6F1C7C2E-0D3B-4B8A-A1E4-2C9D5E7F8A10", "teams:6f1c7c2e-0d3b-4b8a-a1e4-2c9d5e7f8a10")]
    [InlineData(" 6f1c7c2e-0d3b-4b8a-a1e4-2c9d5e7f8a10 ", "teams:6f1c7c2e-0d3b-4b8a-a1e4-2c9d5e7f8a10")]
    [InlineData("29:1Xyz-advisor_LiNa", "teams:29:1Xyz-advisor_LiNa")]
    public void Key_TeamsUser_FoldsObjectIdsOnlyAndKeepsTeamsIds(string userId, string expected)
    {
        Assert.Equal(expected, ChannelIdentity.Key(ChannelIdentity.Teams, userId));
    }
}
