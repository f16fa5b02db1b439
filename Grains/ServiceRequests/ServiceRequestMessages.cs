using WealthActors.Employees;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.ServiceRequests;

/// <summary>The short texts a service request's SLA events put into people's inboxes, in both languages.</summary>
internal static class ServiceRequestMessages
{
    public static (string Chinese, string English) TypeName(string type) => type switch
    {
        "ContactChange" => ("信息变更", "contact change"),
        "DocumentRequest" => ("文件申请", "document request"),
        "RedemptionEnquiry" => ("赎回/转让咨询", "redemption enquiry"),
        "KycRenewal" => ("KYC 更新", "KYC renewal"),
        _ => (type, type),
    };

    public static MessageText For(SlaEvent e, ServiceRequestState s, string requestId, string? assignee, (string Chinese, string English)? toRole)
    {
        var who = $"{s.ClientName} ({s.ClientId})";
        var (zh, en) = TypeName(s.Category);
        return e.Kind switch
        {
            SlaEventKind.Escalation => new(
                $"【服务请求升级 L{e.Level}】客户 {who} 的{zh}请求 {requestId} 未在时限内办结，升级至{toRole?.Chinese}。",
                $"Escalation L{e.Level}: {en} {requestId} of {who} is still open; assignee {assignee ?? "-"}; escalated to the {toRole?.English}."),
            SlaEventKind.FirstResponseWarning => new($"【即将超时】{zh}请求 {requestId}（{who}）即将超过受理时限。", $"The {en} {requestId} ({who}) is due to be taken up soon."),
            SlaEventKind.FirstResponseBreach => new($"【已超时】{zh}请求 {requestId}（{who}）超过受理时限。", $"The {en} {requestId} ({who}) was not taken up in time."),
            SlaEventKind.ResolutionWarning => new($"【即将超时】{zh}请求 {requestId}（{who}）办结时限即将到期。", $"The {en} {requestId} ({who}) is due soon."),
            SlaEventKind.ResolutionBreach => new($"【已超时】{zh}请求 {requestId}（{who}）办结已超时。", $"The {en} {requestId} ({who}) is overdue."),
            _ => new($"服务请求 {requestId}：{e.Name}", $"Service request {requestId}: {e.Name}"),
        };
    }
}
