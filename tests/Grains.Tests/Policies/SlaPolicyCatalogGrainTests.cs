using WealthActors.Grains.Sla;
using WealthActors.Grains.Tests.Infrastructure;
using WealthActors.Sla;

namespace WealthActors.Grains.Tests.Policies;

[Collection(ClusterCollection.Name)]
public sealed class SlaPolicyCatalogGrainTests(ClusterFixture fixture)
{
    private ISlaPolicyCatalogGrain Catalog() =>
        fixture.Grains.GetGrain<ISlaPolicyCatalogGrain>($"catalog-{Guid.NewGuid():N}");

    [Fact]
    public async Task List_NothingStored_ReturnsShippedDefaults()
    {
        var policies = await Catalog().List();

        // Highest priority first, then by id: the complaint, task and service-request policies in one catalog.
        Assert.Equal(["vip", "service-kyc", "service-standard", "standard", "task-standard"], policies.Select(p => p.Id));
    }

    [Fact]
    public async Task LastCatchAllOfAKind_CannotBeNarrowed_ButAnotherKindsCatchAllDoesNotCount()
    {
        var catalog = Catalog();

        var narrowed = await Assert.ThrowsAsync<DomainValidationException>(() => catalog.Put(
            DefaultSlaPolicies.Task with { Match = new PolicyMatch(Categories: ["FollowUp"], Kind: CaseKind.Task) }, TestOrg.System));
        Assert.Equal("match", narrowed.Field);

        var stored = await catalog.Put(DefaultSlaPolicies.Task with { Resolution = TimeSpan.FromDays(2), FirstResponse = TimeSpan.FromDays(2) }, TestOrg.System);
        Assert.Equal(2, stored.Version);
        Assert.Equal("task-standard", (await catalog.Match(new PolicySubject(false, ClientTier.Mass, "Other", Severity.Normal, CaseKind.Task))).Id);
        Assert.Equal("standard", (await catalog.Match(new PolicySubject(false, ClientTier.Mass, "Other", Severity.Normal))).Id);
        Assert.Equal("service-kyc", (await catalog.Match(new PolicySubject(false, ClientTier.Mass, "KycRenewal", Severity.Normal, CaseKind.ServiceRequest))).Id);
    }

    [Fact]
    public async Task Put_SamePolicyTwice_StoresIncreasingVersions()
    {
        var catalog = Catalog();
        var policy = DefaultSlaPolicies.Vip with { Id = "fees", Match = new PolicyMatch(Categories: ["Fees"]), Priority = 50 };

        var first = await catalog.Put(policy, Actor.System("tests"));
        var second = await catalog.Put(policy, Actor.System("tests"));

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal("fees", (await catalog.Match(new PolicySubject(false, ClientTier.Mass, "fees", Severity.Normal))).Id);
    }

    [Fact]
    public async Task Versions_ShippedPolicyReplacedTwice_KeepsTheShippedOneAndEachSaveWithItsSaverAndTime()
    {
        var catalog = Catalog();
        Assert.Null(await catalog.Versions("no-such-policy"));
        var shipped = Assert.Single((await catalog.Versions("vip"))!);
        Assert.Equal((1, null, null), (shipped.Version, shipped.SavedBy, shipped.SavedAt));

        await catalog.Put(DefaultSlaPolicies.Vip with { FirstResponse = TimeSpan.FromHours(3) }, Actor.Employee("E-1", "console"));
        await Assert.ThrowsAsync<DomainValidationException>(() => catalog.Put(DefaultSlaPolicies.Vip with { WarnAt = 2 }, Actor.Employee("E-2", "api")));
        await catalog.Put(DefaultSlaPolicies.Vip with { FirstResponse = TimeSpan.FromHours(4) }, Actor.Employee("E-3", "api"));

        var versions = (await catalog.Versions("vip"))!;
        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        Assert.Equal(["E-3", "E-1", null], versions.Select(v => v.SavedBy?.Id));
        Assert.Equal([4.0, 3.0, 2.0], versions.Select(v => v.Content.FirstResponse.TotalHours));
        Assert.Equal(fixture.Clock.GetUtcNow(), versions[0].SavedAt);
    }

    [Fact]
    public async Task Put_NarrowingTheLastCatchAll_IsRejectedAndChangesNothing()
    {
        var catalog = Catalog();
        var narrowed = DefaultSlaPolicies.Standard with { Match = new PolicyMatch(Categories: ["Fees"]) };

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => catalog.Put(narrowed, Actor.System("tests")));

        Assert.Equal("match", error.Field);
        Assert.Equal("standard", (await catalog.Match(new PolicySubject(false, ClientTier.Mass, "Other", Severity.Low))).Id);
    }

    [Fact]
    public async Task Put_InvalidLadder_IsRejectedNamingTheField()
    {
        var catalog = Catalog();
        var invalid = DefaultSlaPolicies.Vip with { Id = "bad", FirstResponse = TimeSpan.Zero };

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => catalog.Put(invalid, Actor.System("tests")));

        Assert.Equal("firstResponse", error.Field);
        Assert.Null(await catalog.Get("bad"));
    }
}
