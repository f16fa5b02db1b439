using WealthActors.Clients;
using WealthActors.Grains.Tests.Infrastructure;

namespace WealthActors.Grains.Tests.Clients;

/// <summary>What a client grain publishes to the read model, and when it leaves the holdings out.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientProjectionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Projection_HoldingsUnchangedSinceTheLastProjection_AreLeftOutAndChangedOnesAreSentInFull()
    {
        var org = await TestOrg.Create(fixture.Grains);
        var client = fixture.Grains.GetGrain<IClientGrain>(org.MassClient);
        var actor = Actor.Employee(org.Advisor, "tests");
        var first = new Holding("P1", "稳健理财 90天", ProductRisk.R2, 1_000m, new DateOnly(2027, 3, 1));
        var second = new Holding("P2", "进取基金 A", ProductRisk.R4, 2_500m, null);

        await client.AddHolding(first, actor);
        await client.LinkComplaint("K-" + Guid.NewGuid().ToString("N"), open: true);
        await client.AddHolding(second, actor);

        var published = fixture.ReadModel.ClientProjections.Where(row => row.ClientId == org.MassClient).TakeLast(3).ToArray();
        Assert.Equal(["P1"], published[0].Holdings!.Select(h => h.ProductCode));
        Assert.Null(published[1].Holdings);
        Assert.Equal(1, published[1].OpenComplaints);
        Assert.Equal(["P1", "P2"], published[2].Holdings!.Select(h => h.ProductCode));
        Assert.Equal(["P1", "P2"], fixture.ReadModel.Clients[org.MassClient].Holdings!.Select(h => h.ProductCode));
    }
}
