namespace WealthActors.Care;

/// <summary>When a scheduled rule runs: a local wall-clock time ("HH:mm") in a time zone, and whether it runs at all.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.CareSchedule")]
public sealed record CareSchedule(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] string FireAt,
    [property: Id(2)] string TimeZone)
{
    public const string DefaultTimeZone = "Asia/Shanghai";
}

/// <summary>A task for the advisor <see cref="LeadDays"/> days before the birthday of a client of <see cref="MinTier"/> or above.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.BirthdayRule")]
public sealed record BirthdayRule(
    [property: Id(0)] CareSchedule Schedule,
    [property: Id(1)] int LeadDays,
    [property: Id(2)] ClientTier MinTier);

/// <summary>A task at each stage (days before a holding matures, e.g. 30, 15, 7).</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.MaturityRule")]
public sealed record MaturityRule(
    [property: Id(0)] CareSchedule Schedule,
    [property: Id(1)] IReadOnlyList<int> StageDays);

/// <summary>A churn warning after <see cref="Days"/> days without contact; for VIP clients also to the team lead.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.DormancyRule")]
public sealed record DormancyRule(
    [property: Id(0)] CareSchedule Schedule,
    [property: Id(1)] int Days,
    [property: Id(2)] bool VipToTeamLead);

/// <summary>A task when a client's risk assessment expires within <see cref="Days"/> days.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.RiskExpiryRule")]
public sealed record RiskExpiryRule(
    [property: Id(0)] CareSchedule Schedule,
    [property: Id(1)] int Days);

/// <summary>The daily SLA digest's schedule (the digest itself is built elsewhere).</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.SlaDigestRule")]
public sealed record SlaDigestRule(
    [property: Id(0)] CareSchedule Schedule);

/// <summary>An immediate alert when an outflow exceeds <see cref="AumShare"/> of the AUM before it or <see cref="Amount"/>.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.OutflowAlertRule")]
public sealed record OutflowAlertRule(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] decimal AumShare,
    [property: Id(2)] decimal Amount);

/// <summary>
/// All care rules' settings, versioned as one document, with the onboarding checklist's template (null in documents
/// stored before it existed: <see cref="OnboardingOrDefault"/> is the shipped one then).
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.CareRules")]
public sealed record CareRules(
    [property: Id(0)] int Version,
    [property: Id(1)] BirthdayRule Birthday,
    [property: Id(2)] MaturityRule Maturity,
    [property: Id(3)] DormancyRule Dormancy,
    [property: Id(4)] RiskExpiryRule RiskExpiry,
    [property: Id(5)] SlaDigestRule SlaDigest,
    [property: Id(6)] OutflowAlertRule Outflow,
    [property: Id(7)] OnboardingTemplate? Onboarding = null)
{
    /// <summary>The shipped settings (version 0: never written).</summary>
    public static CareRules Defaults { get; } = new(
        0,
        new BirthdayRule(Daily("08:30"), 7, ClientTier.HighNetWorth),
        new MaturityRule(Daily("08:30"), [30, 15, 7]),
        new DormancyRule(Daily("08:45"), 30, true),
        new RiskExpiryRule(Daily("08:45"), 30),
        new SlaDigestRule(Daily("09:00")),
        new OutflowAlertRule(true, 0.30m, 1_000_000m),
        OnboardingTemplate.Default);

    public OnboardingTemplate OnboardingOrDefault => Onboarding ?? OnboardingTemplate.Default;

    /// <summary>The schedule of a scheduled rule, or null for a name that is not one.</summary>
    public CareSchedule? ScheduleOf(string rule) => rule switch
    {
        CareRuleNames.Birthday => Birthday.Schedule,
        CareRuleNames.Maturity => Maturity.Schedule,
        CareRuleNames.Dormancy => Dormancy.Schedule,
        CareRuleNames.RiskExpiry => RiskExpiry.Schedule,
        CareRuleNames.SlaDigest => SlaDigest.Schedule,
        _ => null,
    };

    private static CareSchedule Daily(string fireAt) => new(true, fireAt, CareSchedule.DefaultTimeZone);
}
