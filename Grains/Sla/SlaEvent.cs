namespace WealthActors.Grains.Sla;

[GenerateSerializer, Alias("WealthActors.SlaEventKind")]
public enum SlaEventKind
{
    FirstResponseWarning = 0,
    FirstResponseBreach = 1,
    ResolutionWarning = 2,
    ResolutionBreach = 3,
    Escalation = 4,
    RegulatoryWarning = 5,
    RegulatoryBreach = 6,
}

/// <summary>
/// A point on a case's SLA timeline. <see cref="Level"/> is the 1-based ladder level for
/// <see cref="SlaEventKind.Escalation"/>, 0 otherwise.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.SlaEvent")]
public sealed record SlaEvent(
    [property: Id(0)] SlaEventKind Kind,
    [property: Id(1)] int Level,
    [property: Id(2)] DateTimeOffset Due)
{
    /// <summary>
    /// Whether a regulatory event belongs to the extended (30-day) deadline. It is part of <see cref="Name"/> so that a
    /// case extended after its 15-day warning still gets a warning before the 30-day deadline.
    /// </summary>
    [Id(3)]
    public bool Extended { get; init; }

    /// <summary>Stable id of the event within a case; the grain records it once fired so it never fires twice.</summary>
    public string Name => Kind switch
    {
        SlaEventKind.FirstResponseWarning => "warn-first-response",
        SlaEventKind.FirstResponseBreach => "breach-first-response",
        SlaEventKind.ResolutionWarning => "warn-resolution",
        SlaEventKind.ResolutionBreach => "breach-resolution",
        SlaEventKind.Escalation => $"escalation-{Level}",
        SlaEventKind.RegulatoryWarning => Extended ? "regulatory-warning-extended" : "regulatory-warning",
        SlaEventKind.RegulatoryBreach => Extended ? "regulatory-breach-extended" : "regulatory-breach",
        _ => $"{Kind}-{Level}",
    };
}
