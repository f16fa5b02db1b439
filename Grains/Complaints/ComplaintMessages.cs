using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Complaints;

/// <summary>The short, bilingual texts that SLA events put into people's inboxes; they must fit a chat bubble.</summary>
internal static class ComplaintMessages
{
    public static string RoleName(EmployeeRole role) => role switch
    {
        EmployeeRole.Advisor => "客户经理 advisor",
        EmployeeRole.TeamLead => "团队主管 team lead",
        EmployeeRole.BranchHead => "行长 branch head",
        EmployeeRole.RegionalHead => "区域负责人 regional head",
        EmployeeRole.Compliance => "合规 compliance",
        _ => role.ToString(),
    };

    public static string For(SlaEvent e, ComplaintState s, string complaintId, string? toRoleName)
    {
        var who = $"{s.ClientName} ({s.ClientId})";
        var vip = s.Vip ? "VIP " : "";
        return e.Kind switch
        {
            SlaEventKind.Escalation =>
                $"【投诉升级 L{e.Level}】{vip}客户 {who} 的投诉 {complaintId} 未在时限内解决，升级至{toRoleName}。" +
                $" / Escalation L{e.Level}: {vip}complaint {complaintId} of {who} is still open ({s.Category}, {s.Severity}); assignee {s.Assignee ?? "-"}.",
            SlaEventKind.FirstResponseWarning =>
                $"【即将超时】投诉 {complaintId}（{who}）首次响应即将到期，请尽快受理。 / First response for complaint {complaintId} is due soon.",
            SlaEventKind.FirstResponseBreach =>
                $"【已超时】投诉 {complaintId}（{who}）首次响应已超时。 / First response for complaint {complaintId} is overdue.",
            SlaEventKind.ResolutionWarning =>
                $"【即将超时】投诉 {complaintId}（{who}）解决时限即将到期。 / Resolution of complaint {complaintId} is due soon.",
            SlaEventKind.ResolutionBreach =>
                $"【已超时】投诉 {complaintId}（{who}）解决已超时。 / Resolution of complaint {complaintId} is overdue.",
            SlaEventKind.RegulatoryWarning =>
                $"【监管时限】投诉 {complaintId}（{who}）临近监管处理时限。 / Complaint {complaintId} nears its regulatory decision deadline.",
            SlaEventKind.RegulatoryBreach =>
                $"【监管时限已过】投诉 {complaintId}（{who}）已超过监管处理时限。 / Complaint {complaintId} is past its regulatory decision deadline.",
            _ => $"Complaint {complaintId}: {e.Name}",
        };
    }
}
