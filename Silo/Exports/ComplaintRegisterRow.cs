using MiniExcelLibs.Attributes;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Exports;

/// <summary>
/// One line of the complaint register (投诉登记台账) as the read model holds it. The read model has no channel, first
/// response, resolution time or outcome of a case (they live in the complaint's grain and timeline), so the register
/// carries what it has: when the case was received and is due, its SLA state, and how far it escalated.
/// </summary>
internal sealed record ComplaintRegisterRow(
    [property: ExcelColumnName("投诉编号 id")] string Id,
    [property: ExcelColumnName("客户 client")] string Client,
    [property: ExcelColumnName("网点 branch")] string Branch,
    [property: ExcelColumnName("受理时间 receivedAt (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime ReceivedAt,
    [property: ExcelColumnName("类别 category")] string Category,
    [property: ExcelColumnName("严重程度 severity")] string Severity,
    [property: ExcelColumnName("状态 status")] string Status,
    [property: ExcelColumnName("处理人 assignee")] string? Assignee,
    [property: ExcelColumnName("办结时限 resolutionDue (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime? ResolutionDue,
    [property: ExcelColumnName("升级次数 escalations")] int Escalations,
    [property: ExcelColumnName("时限状态 slaState")] string SlaState,
    [property: ExcelColumnName("时限达成 deadlinesMet")] string DeadlinesMet,
    [property: ExcelColumnName("首次超时 breachedAt (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime? BreachedAt)
{
    public static ComplaintRegisterRow From(ComplaintRow r) => new(
        r.ComplaintId, r.ClientId, r.BranchId, r.OpenedAt.UtcDateTime, r.Category, r.Severity.ToString(), r.Status.ToString(),
        r.Assignee, r.ResolutionDue?.UtcDateTime, r.EscalationLevel, r.SlaState.ToString(), Met(r), r.BreachedAt?.UtcDateTime);

    // Met: resolved within every deadline, the regulator's included; a breach of any deadline is a "no"; open cases are pending.
    private static string Met(ComplaintRow r) => r.SlaState switch
    {
        WealthActors.SlaState.Met => "是 yes",
        _ when r.BreachedAt is not null || r.SlaState == WealthActors.SlaState.Breached => "否 no",
        _ => "",
    };
}
