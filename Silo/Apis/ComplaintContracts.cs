using WealthActors.Complaints;

namespace WealthActors.Silo.Apis;

public sealed record OpenComplaintRequest(
    string? ClientId, string? Category, Severity? Severity, string? Channel, string? Description, string? OpenedBy, string? PolicyId);

/// <summary>Body of the complaint commands; which fields count depends on the command.</summary>
public sealed record ComplaintCommandRequest(string? By, string? Text, string? Reason, string? To, Severity? Severity);

public sealed record EscalationResponse(int Level, DateTimeOffset? Due, EmployeeRole ToRole, string? ToEmployeeId, DateTimeOffset? FiredAt);

public sealed record OpenedComplaintResponse(
    string ComplaintId, ComplaintStatus Status, string PolicyId, int PolicyVersion,
    DateTimeOffset? FirstResponseDue, DateTimeOffset? ResolutionDue, DateTimeOffset RegulatoryDue,
    IReadOnlyList<EscalationResponse> Escalations)
{
    public static OpenedComplaintResponse From(ComplaintView v) => new(
        v.ComplaintId, v.Status, v.PolicyId, v.PolicyVersion, v.FirstResponseDue, v.ResolutionDue, v.RegulatoryDue,
        v.Escalations.Select(ComplaintResponse.Map).ToArray());
}

public sealed record ComplaintResponse(
    string ComplaintId, string ClientId, string BranchId, string Category, Severity Severity, string Channel,
    string Description, ComplaintStatus Status, string? Assignee, SlaState SlaState, int EscalationLevel,
    string PolicyId, int PolicyVersion, DateTimeOffset OpenedAt, DateTimeOffset? FirstResponseDue,
    DateTimeOffset? ResolutionDue, DateTimeOffset RegulatoryDue, IReadOnlyList<EscalationResponse> Escalations,
    IReadOnlyList<TimelineEntry> Timeline)
{
    public static ComplaintResponse From(ComplaintView v) => new(
        v.ComplaintId, v.ClientId, v.BranchId, v.Category, v.Severity, v.Channel, v.Description, v.Status, v.Assignee,
        v.SlaState, v.EscalationLevel, v.PolicyId, v.PolicyVersion, v.OpenedAt, v.FirstResponseDue, v.ResolutionDue,
        v.RegulatoryDue, v.Escalations.Select(Map).ToArray(), v.Timeline);

    internal static EscalationResponse Map(EscalationPlan p) => new(p.Level, p.Due, p.ToRole, p.ToEmployeeId, p.FiredAt);
}

/// <summary>One event of a complaint's timeline with its number.</summary>
public sealed record TimelineItem(long Seq, DateTimeOffset At, string Kind, string By, string? Text, string? Via)
{
    public static TimelineItem From(NumberedTimelineEntry e) => new(e.Seq, e.Entry.At, e.Entry.Kind, e.Entry.By, e.Entry.Text, e.Entry.Via);
}

/// <summary>A page of a timeline, newest first; <see cref="Next"/> is the <c>before</c> of the next page (null: the last).</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineItem> Entries, long? Next);
