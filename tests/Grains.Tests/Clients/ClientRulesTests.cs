using WealthActors.Grains.Clients;

namespace WealthActors.Grains.Tests.Clients;

public sealed class ClientRulesTests
{
    private static readonly TierOptions Options = new();

    [Theory]
    [InlineData(0, ClientTier.Mass)]
    [InlineData(499_999.99, ClientTier.Mass)]
    [InlineData(500_000, ClientTier.Affluent)]
    [InlineData(6_000_000, ClientTier.HighNetWorth)]
    [InlineData(50_000_000, ClientTier.UltraHighNetWorth)]
    public void Tier_AtThresholds_IsInclusive(double aum, ClientTier expected) =>
        Assert.Equal(expected, ClientRules.Tier((decimal)aum, Options));

    [Theory]
    [InlineData(ClientTier.Affluent, false, false)]
    [InlineData(ClientTier.Affluent, true, true)]
    [InlineData(ClientTier.HighNetWorth, false, true)]
    public void IsVip_TierOrManualFlag_Decides(ClientTier tier, bool manual, bool expected) =>
        Assert.Equal(expected, ClientRules.IsVip(tier, manual));

    [Fact]
    public void Stage_NoInteractionFor90Days_IsDormant()
    {
        var created = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var now = created.AddYears(1);

        Assert.Equal(LifecycleStage.Dormant, ClientRules.Stage(created, true, 1000m, now.AddDays(-90), now, Options));
        Assert.Equal(LifecycleStage.Active, ClientRules.Stage(created, true, 1000m, now.AddDays(-89), now, Options));
        Assert.Equal(LifecycleStage.Prospect, ClientRules.Stage(created, false, 0m, null, now, Options));
        Assert.Equal(LifecycleStage.New, ClientRules.Stage(now.AddDays(-10), true, 1000m, now, now, Options));
    }
}
