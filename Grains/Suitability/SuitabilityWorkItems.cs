using WealthActors.Employees;
using WealthActors.Grains.Complaints;
using WealthActors.Suitability;
using WealthActors.Tasks;

namespace WealthActors.Grains.Suitability;

/// <summary>
/// The work suitability hands to people, each made by one method here: the return visit is a task (a work item with an
/// owner, a due date and its overdue ladder); approvals, decisions and warnings are inbox messages (in Chinese and
/// English), the approval's own deadline being kept by the subscription on its SLA policy.
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

    /// <summary>
    /// The return visit (回访) the advisor owes once the cooling-off period has ended: a task due <paramref name="dueDays"/>
    /// days later, on the overdue ladder of its kind. Its id comes from the subscription, so sending it again after a
    /// crash finds the task it created.
    /// </summary>
    public static TaskOrder ReturnVisitTask(SubscriptionView s, DateTimeOffset now, int dueDays)
    {
        var key = $"{s.SubscriptionId}:return-visit";
        return new TaskOrder(TaskIds.ForOccurrence(key), new CreateTask(
            s.ClientId,
            $"回访：{s.ProductName}（{s.Amount:N0} 元）冷静期已结束、已生效，请完成回访确认",
            now.AddDays(dueDays),
            s.AdvisorId,
            TaskKinds.ReturnVisit,
            Source: key,
            EnglishTitle: $"Return visit: the cooling-off period of {s.ProductName} ({s.Amount:N0}) has ended and it is effective; confirm with the client"));
    }

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
