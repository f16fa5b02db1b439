using WealthActors.Employees;
using WealthActors.Grains.Complaints;
using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

/// <summary>
/// The work suitability hands to people. Today each is an inbox message (kind Task, Warning or Escalation, in Chinese and
/// English); each is made by one method here, so that when tasks become work items (owner, due date, completion) only
/// these methods change.
/// </summary>
public static class SuitabilityWorkItems
{
    private static readonly string[] InboxOnly = ["inbox"];

    /// <summary>Asks a compliance officer to approve or reject an override.</summary>
    public static OutboxEntry ApprovalRequest(string officerId, SubscriptionView s, DateTimeOffset now) => Message(
        officerId, InboxKind.Task, $"{s.SubscriptionId}:approval", s.ClientId, now,
        new MessageText(
            $"适当性豁免待审批：客户 {s.ClientId}（{Level(s.ClientRisk)}）申购 {s.ProductName}（{s.ProductRisk}）{s.Amount:N0} 元，已附风险不匹配警示书及双录。批准：POST /api/subscriptions/{s.SubscriptionId}/approve",
            $"Suitability override to approve: client {s.ClientId} ({Level(s.ClientRisk)}) subscribes {s.ProductName} ({s.ProductRisk}) for {s.Amount:N0}, with the signed risk-mismatch warning and the recorded session. Approve: POST /api/subscriptions/{s.SubscriptionId}/approve"));

    /// <summary>Tells the next person up that compliance has not decided an override in time.</summary>
    public static OutboxEntry ApprovalEscalation(string employeeId, SubscriptionView s, int level, int policyVersion, DateTimeOffset now) => Message(
        employeeId, InboxKind.Escalation, $"{s.SubscriptionId}:approval:{level}:{policyVersion}", s.ClientId, now,
        new MessageText(
            $"适当性豁免审批超时（第 {level} 级）：客户 {s.ClientId} 申购 {s.ProductName}（{s.ProductRisk}），自 {s.ApprovalRequestedAt:yyyy-MM-dd HH:mm} 起待合规审批。",
            $"Suitability override approval overdue (level {level}): client {s.ClientId} subscribing {s.ProductName} ({s.ProductRisk}) has waited for compliance since {s.ApprovalRequestedAt:yyyy-MM-dd HH:mm} UTC."));

    /// <summary>Tells the advisor what compliance decided.</summary>
    public static OutboxEntry OverrideDecided(SubscriptionView s, bool approved, DateTimeOffset now) => Message(
        s.AdvisorId, InboxKind.Info, $"{s.SubscriptionId}:decided", s.ClientId, now,
        approved
            ? new MessageText($"合规已批准客户 {s.ClientId} 申购 {s.ProductName} 的适当性豁免（{s.DecidedBy}）。", $"Compliance ({s.DecidedBy}) approved the suitability override for client {s.ClientId} subscribing {s.ProductName}.")
            : new MessageText($"合规已拒绝客户 {s.ClientId} 申购 {s.ProductName} 的适当性豁免（{s.DecidedBy}）：{s.DecisionComment}", $"Compliance ({s.DecidedBy}) rejected the suitability override for client {s.ClientId} subscribing {s.ProductName}: {s.DecisionComment}"));

    /// <summary>The return visit (回访) the advisor owes once the cooling-off period has ended.</summary>
    public static OutboxEntry ReturnVisitTask(SubscriptionView s, DateTimeOffset now, int dueDays) => Message(
        s.AdvisorId, InboxKind.Task, $"{s.SubscriptionId}:return-visit", s.ClientId, now,
        new MessageText(
            $"回访：客户 {s.ClientId} 申购的 {s.ProductName}（{s.Amount:N0} 元）冷静期已结束、已生效，请在 {dueDays} 日内完成回访确认。",
            $"Return visit: the cooling-off period of client {s.ClientId}'s subscription of {s.ProductName} ({s.Amount:N0}) has ended and it is effective; complete the return visit within {dueDays} days."));

    /// <summary>A reported holding that breaks suitability: the sale happened elsewhere, so it is not refused, only flagged.</summary>
    public static OutboxEntry HoldingWarning(string employeeId, string clientId, string productCode, string productName, ProductRisk risk, RiskLevel? level, DateTimeOffset now) => Message(
        employeeId, InboxKind.Warning, $"suitability-holding:{clientId}:{productCode}", clientId, now,
        new MessageText(
            $"适当性预警：客户 {clientId}（{Level(level)}）持有 {productName}（{productCode}，{risk}），超出其风险承受能力，请核实销售过程。",
            $"Suitability warning: client {clientId} ({Level(level)}) holds {productName} ({productCode}, {risk}), above their risk tolerance; check how it was sold."));

    private static string Level(RiskLevel? level) => level?.ToString() ?? "未评估 not assessed";

    private static OutboxEntry Message(string employeeId, InboxKind kind, string key, string clientId, DateTimeOffset now, MessageText text) =>
        new(employeeId, new InboxMessage(key, kind, key, null, clientId, text.Chinese, now, InboxOnly, EnglishText: text.English));
}
