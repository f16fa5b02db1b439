using MiniExcelLibs.Attributes;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Exports;

/// <summary>
/// One line of the complaint register (投诉登记台账) as the read model holds it: how the case came in, when it was
/// received, first answered and resolved, how many days that took, how far it escalated and which deadlines it met.
/// The outcome's wording stays on the case's timeline (the resolution note), which the register does not copy.
/// </summary>
internal sealed record ComplaintRegisterRow(
    [property: ExcelColumnName("投诉编号 id")] string Id,
    [property: ExcelColumnName("客户 client")] string Client,
    [property: ExcelColumnName("网点 branch")] string Branch,
    [property: ExcelColumnName("受理时间 receivedAt (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime ReceivedAt,
    [property: ExcelColumnName("渠道 channel")] string? Channel,
    [property: ExcelColumnName("类别 category")] string Category,
    [property: ExcelColumnName("严重程度 severity")] string Severity,
    [property: ExcelColumnName("状态 status")] string Status,
    [property: ExcelColumnName("处理人 assignee")] string? Assignee,
    [property: ExcelColumnName("首次响应 firstResponseAt (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime? FirstResponseAt,
    [property: ExcelColumnName("首次响应及时 firstResponseMet")] string FirstResponseMet,
    [property: ExcelColumnName("办结时间 resolvedAt (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime? ResolvedAt,
    [property: ExcelColumnName("办理天数 daysTaken")] int? DaysTaken,
    [property: ExcelColumnName("办结时限 resolutionDue (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime? ResolutionDue,
    [property: ExcelColumnName("升级次数 escalations")] int Escalations,
    [property: ExcelColumnName("时限状态 slaState")] string SlaState,
    [property: ExcelColumnName("时限达成 deadlinesMet")] string DeadlinesMet,
    [property: ExcelColumnName("首次超时 breachedAt (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime? BreachedAt)
{
    public static ComplaintRegisterRow From(ComplaintRow r) => new(
        r.ComplaintId, r.ClientId, r.BranchId, r.OpenedAt.UtcDateTime, r.Channel, r.Category, r.Severity.ToString(),
        r.Status.ToString(), r.Assignee, r.RespondedAt?.UtcDateTime, YesNo(r.FirstResponseMet), r.ResolvedAt?.UtcDateTime,
        DaysFrom(r), r.ResolutionDue?.UtcDateTime, r.EscalationLevel, r.SlaState.ToString(), Met(r), r.BreachedAt?.UtcDateTime);

    // Calendar days from receipt to resolution, counted as the regulator counts them (a part day is a day).
    private static int? DaysFrom(ComplaintRow r) =>
        r.ResolvedAt is { } resolvedAt ? (int)Math.Ceiling((resolvedAt - r.OpenedAt).TotalDays) : null;

    private static string YesNo(bool? met) => met switch { true => "是 yes", false => "否 no", null => "" };

    // Met: resolved within every deadline, the regulator's included; a breach of any deadline is a "no"; open cases are pending.
    private static string Met(ComplaintRow r) => r.SlaState switch
    {
        WealthActors.SlaState.Met => "是 yes",
        _ when r.BreachedAt is not null || r.SlaState == WealthActors.SlaState.Breached => "否 no",
        _ => "",
    };
}
