using WealthActors.Clients;
using WealthActors.Grains.Tests.Infrastructure;

namespace WealthActors.Grains.Tests.Clients;

/// <summary>Every logged interaction reaches the read model's history once, numbered, while the grain keeps only the latest.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientInteractionHistoryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task LogInteraction_EachIsPublishedOnceWithTheNextNumber_AndTheGrainKeepsTheLatest20()
    {
        var org = await TestOrg.Create(fixture.Grains);
        var client = fixture.Grains.GetGrain<IClientGrain>(org.MassClient);
        var actor = Actor.Employee(org.Advisor, "tests");
        var at = DateTimeOffset.UtcNow.AddDays(-1);

        for (var i = 0; i < 25; i++)
        {
            await client.LogInteraction(new Interaction(InteractionKind.Call, at.AddMinutes(i), org.Advisor, $"n{i}"), actor);
        }
        await client.LinkComplaint("K-" + Guid.NewGuid().ToString("N"), open: true);

        var published = fixture.ReadModel.ClientProjections.Where(row => row.ClientId == org.MassClient).TakeLast(26).ToArray();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), published[..25].Select(row => Assert.Single(row.NewInteractions!).Seq));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"n{i}"), published[..25].Select(row => row.NewInteractions![0].Note));
        Assert.Null(published[25].NewInteractions);
        var view = await client.GetView();
        Assert.Equal(20, view.RecentInteractions.Count);
        Assert.Equal("n24", view.RecentInteractions[0].Note);
    }
}
