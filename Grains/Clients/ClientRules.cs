namespace WealthActors.Grains.Clients;

/// <summary>Pure rules that derive a client's tier, VIP flag and lifecycle stage from its facts.</summary>
public static class ClientRules
{
    public static ClientTier Tier(decimal aum, TierOptions options) => aum switch
    {
        _ when aum >= options.UltraHighNetWorth => ClientTier.UltraHighNetWorth,
        _ when aum >= options.HighNetWorth => ClientTier.HighNetWorth,
        _ when aum >= options.Affluent => ClientTier.Affluent,
        _ => ClientTier.Mass,
    };

    /// <summary>VIP means high net worth and above, or flagged by hand (e.g. a family member of a UHNW client).</summary>
    public static bool IsVip(ClientTier tier, bool manualVip) => manualVip || tier >= ClientTier.HighNetWorth;

    public static DateOnly? RiskExpiresOn(DateOnly? assessedOn, TierOptions options) =>
        assessedOn?.AddDays(options.RiskAssessmentValidDays);

    public static LifecycleStage Stage(
        DateTimeOffset createdAt, bool hasHoldings, decimal aum, DateTimeOffset? lastActivity, DateTimeOffset now, TierOptions options)
    {
        if (!hasHoldings)
        {
            return LifecycleStage.Prospect;
        }

        if (aum <= 0)
        {
            return LifecycleStage.Churned;
        }

        var last = lastActivity ?? createdAt;
        if (now - last >= TimeSpan.FromDays(options.DormantAfterDays))
        {
            return LifecycleStage.Dormant;
        }

        return now - createdAt < TimeSpan.FromDays(90) ? LifecycleStage.New : LifecycleStage.Active;
    }
}
