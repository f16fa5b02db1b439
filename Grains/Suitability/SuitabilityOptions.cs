namespace WealthActors.Grains.Suitability;

/// <summary>Configuration section <c>Suitability</c>.</summary>
public sealed class SuitabilityOptions
{
    public const string Section = "Suitability";

    /// <summary>
    /// The compliance officers (employee ids) who receive override approval requests and suitability warnings. Empty:
    /// the branch head of the client's branch receives them, as escalations to compliance fall back today.
    /// </summary>
    public List<string> ComplianceOfficers { get; set; } = [];

    /// <summary>The SLA policy (in the SLA policy catalog) an override approval runs under; the shipped one while the catalog has none by this id.</summary>
    public string ApprovalPolicyId { get; set; } = DefaultApprovalPolicy.Id;

    /// <summary>Days the advisor has for the return visit (回访) once the cooling-off period has ended.</summary>
    public int ReturnVisitDays { get; set; } = 3;
}
