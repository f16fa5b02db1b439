using WealthActors.Employees;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Complaints;

/// <summary>The short texts that SLA events put into people's inboxes, in both languages; they must fit a chat bubble.</summary>
internal static class ComplaintMessages
{
    public static (string Chinese, string English) RoleName(EmployeeRole role) => role switch
    {
        EmployeeRole.Advisor => ("客户经理", "advisor"),
        EmployeeRole.TeamLead => ("团队主管", "team lead"),
        EmployeeRole.BranchHead => ("行长", "branch head"),
        EmployeeRole.RegionalHead => ("区域负责人", "regional head"),
        EmployeeRole.Compliance => ("合规", "compliance"),
        _ => (role.ToString(), role.ToString()),
    };

    public static MessageText For(SlaEvent e, ComplaintState s, string complaintId, string? assignee, (string Chinese, string English)? toRole)
    {
        var who = $"{s.ClientName} ({s.ClientId})";
        var vip = s.Vip ? "VIP " : "";
        return e.Kind switch
        {
            SlaEventKind.Escalation => new(
                $"【投诉升级 L{e.Level}】{vip}客户 {who} 的投诉 {complaintId} 未在时限内解决，升级至{toRole?.Chinese}。",
                $"Escalation L{e.Level}: {vip}complaint {complaintId} of {who} is still open ({s.Category}, {s.Severity}); " +
                $"assignee {assignee ?? "-"}; escalated to the {toRole?.English}."),
            SlaEventKind.FirstResponseWarning => new(
                $"【即将超时】投诉 {complaintId}（{who}）首次响应即将到期，请尽快受理。", $"First response for complaint {complaintId} ({who}) is due soon."),
            SlaEventKind.FirstResponseBreach => new(
                $"【已超时】投诉 {complaintId}（{who}）首次响应已超时。", $"First response for complaint {complaintId} ({who}) is overdue."),
            SlaEventKind.ResolutionWarning => new(
                $"【即将超时】投诉 {complaintId}（{who}）解决时限即将到期。", $"Resolution of complaint {complaintId} ({who}) is due soon."),
            SlaEventKind.ResolutionBreach => new(
                $"【已超时】投诉 {complaintId}（{who}）解决已超时。", $"Resolution of complaint {complaintId} ({who}) is overdue."),
            SlaEventKind.RegulatoryWarning => new(
                $"【监管时限】投诉 {complaintId}（{who}）临近监管处理时限。", $"Complaint {complaintId} ({who}) nears its regulatory decision deadline."),
            SlaEventKind.RegulatoryBreach => new(
                $"【监管时限已过】投诉 {complaintId}（{who}）已超过监管处理时限。", $"Complaint {complaintId} ({who}) is past its regulatory decision deadline."),
            _ => new($"投诉 {complaintId}：{e.Name}", $"Complaint {complaintId}: {e.Name}"),
        };
    }
}
