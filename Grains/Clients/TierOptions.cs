namespace WealthActors.Grains.Clients;

/// <summary>AUM thresholds (in the firm's reporting currency) for client tiers; configuration section <c>Tiers</c>.</summary>
public sealed class TierOptions
{
    public const string Section = "Tiers";

    public decimal Affluent { get; set; } = 500_000m;

    public decimal HighNetWorth { get; set; } = 6_000_000m;

    public decimal UltraHighNetWorth { get; set; } = 50_000_000m;

    /// <summary>How long a risk assessment stays valid; regulators expect a re-assessment at least yearly.</summary>
    public int RiskAssessmentValidDays { get; set; } = 365;

    /// <summary>No interaction for this long makes an active client dormant.</summary>
    public int DormantAfterDays { get; set; } = 90;
}
