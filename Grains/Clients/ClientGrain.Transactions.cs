using System.Globalization;
using Microsoft.Extensions.Logging;
using WealthActors.Care;
using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Grains.Care;
using WealthActors.Tasks;

namespace WealthActors.Grains.Clients;

/// <summary>
/// Reported transactions: an outflow large against the client's AUM, or large in itself, alerts the advisor at once.
/// Nothing is kept per transaction (no growing state); the alert's key makes a retry land on the same message, which
/// the advisor's inbox keeps once.
/// </summary>
public sealed partial class ClientGrain
{
    private static readonly string[] InboxOnly = ["inbox"];

    public async Task<TransactionOutcome> RecordTransaction(ClientTransaction transaction, Actor actor)
    {
        RequireExists();
        var profile = state.State.Profile!;
        var aumBefore = Aum;
        var rules = await GrainFactory.GetGrain<ICareRulesGrain>(ICareRulesGrain.DefaultKey).Get();
        var reasons = OutflowCheck.Reasons(transaction.Kind, transaction.Amount, aumBefore, rules.Outflow);
        var outflow = OutflowCheck.IsOutflow(transaction.Kind);
        if (reasons.Count == 0)
        {
            return new TransactionOutcome(transaction.TransactionId, outflow, aumBefore, false, [], null, null, false);
        }

        var key = $"outflow:{ClientId}:{transaction.TransactionId}";
        var english = string.Create(CultureInfo.InvariantCulture,
            $"Large outflow: {profile.Name} ({ClientId}) {transaction.Kind} of {transaction.Amount:0.##}"
            + $"{(transaction.ProductCode is null ? "" : $" from {transaction.ProductCode}")} at {transaction.At:yyyy-MM-dd HH:mm} UTC"
            + $" — {string.Join("; ", reasons)}. Please contact the client.");
        var chinese = string.Create(CultureInfo.InvariantCulture,
            $"【大额流出】{profile.Name}（{ClientId}）{KindInChinese(transaction.Kind)} {transaction.Amount:0.##}"
            + $"{(transaction.ProductCode is null ? "" : $"（{transaction.ProductCode}）")}，时间 {transaction.At:yyyy-MM-dd HH:mm} UTC；"
            + $"{string.Join("，", ChineseReasons(reasons, rules.Outflow, aumBefore))}。请尽快联系客户。");
        var taskId = await OutflowTask(key, profile.AdvisorId, chinese, english);
        var message = new InboxMessage(key, InboxKind.Warning, key, null, ClientId, chinese, clock.GetUtcNow(), InboxOnly, EnglishText: english, TaskId: taskId);
        var delivered = await GrainFactory.GetGrain<IEmployeeGrain>(profile.AdvisorId).Deliver(message);
        LogOutflowAlert(logger, ClientId, transaction.TransactionId, profile.AdvisorId, delivered, actor.Id);
        return new TransactionOutcome(transaction.TransactionId, outflow, aumBefore, true, reasons, key, profile.AdvisorId, !delivered);
    }

    /// <summary>
    /// The alert is also a task for the advisor (contact the client), on the overdue ladder of the Outflow kind; its id
    /// comes from the alert's key, so a retried transaction finds the task it created. The alert itself tells the
    /// advisor, naming the task. Null when the advisor is not a registered employee: the alert still goes out.
    /// </summary>
    private async Task<string?> OutflowTask(string key, string advisorId, string chinese, string english)
    {
        var taskId = TaskIds.ForOccurrence(key);
        var profile = state.State.Profile!;
        var tier = ClientRules.Tier(Aum, _tiers);
        var client = new TaskClient(profile.Name, profile.BranchId, ClientRules.IsVip(tier, profile.ManualVip), tier);
        try
        {
            await GrainFactory.GetGrain<ITaskGrain>(taskId).Create(
                new CreateTask(ClientId, chinese, null, advisorId, TaskKinds.Outflow, Source: key, EnglishTitle: english, Announce: false, Client: client),
                Actor.System("outflow"));
        }
        catch (EntityExistsException)
        {
            // Created when this transaction was reported before.
        }
        catch (DomainValidationException ex)
        {
            LogOutflowTaskNotCreated(logger, ClientId, taskId, ex.Field);
            return null;
        }

        return taskId;
    }

    private static string KindInChinese(TransactionKind kind) => kind switch
    {
        TransactionKind.Redemption => "赎回",
        TransactionKind.TransferOut => "转出",
        TransactionKind.Withdrawal => "取现",
        _ => kind.ToString(),
    };

    private static IEnumerable<string> ChineseReasons(IReadOnlyList<string> reasons, OutflowAlertRule rule, decimal aumBefore)
    {
        if (reasons.Any(r => r.StartsWith(OutflowCheck.Share, StringComparison.Ordinal)))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"超过流出前资产 {aumBefore:0.##} 的 {rule.AumShare * 100:0.##}%");
        }

        if (reasons.Any(r => r.StartsWith(OutflowCheck.Amount, StringComparison.Ordinal)))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"超过单笔 {rule.Amount:0.##}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId}: outflow task {TaskId} not created ({Field} refused); the alert goes out without it")]
    private static partial void LogOutflowTaskNotCreated(ILogger logger, string clientId, string taskId, string field);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId}: outflow {TransactionId} alerted advisor {AdvisorId} (new: {Delivered}) for {ActorId}")]
    private static partial void LogOutflowAlert(ILogger logger, string clientId, string transactionId, string advisorId, bool delivered, string actorId);
}
