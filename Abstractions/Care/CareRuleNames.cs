namespace WealthActors.Care;

/// <summary>The fixed names of the care rules: configuration keys, job names and the first part of each occurrence key.</summary>
public static class CareRuleNames
{
    public const string Birthday = "care-birthday";
    public const string Maturity = "care-maturity";
    public const string Dormancy = "care-dormancy";
    public const string RiskExpiry = "care-risk-expiry";
    public const string SlaDigest = "sla-digest";
    public const string Outflow = "outflow-alert";

    /// <summary>The rules that run as scheduled jobs, in the order they are listed.</summary>
    public static readonly IReadOnlyList<string> Scheduled = [Birthday, Maturity, Dormancy, RiskExpiry, SlaDigest];

    public static readonly IReadOnlyList<string> All = [.. Scheduled, Outflow];
}
