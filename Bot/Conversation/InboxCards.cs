using WealthActors.Employees;

namespace WealthActors.Bot.Conversation;

/// <summary>
/// The card a pushed inbox message becomes on a chat channel: every message in an inbox reaches the person's chat.
/// Buttons carry ordinary commands, so a click runs exactly what typing them would, with the same permission checks.
/// </summary>
public static class InboxCards
{
    /// <param name="bilingualButtons">
    /// Labels such as "受理 Acknowledge" where the channel has room for them (Teams); WeCom's buttons hold a few
    /// characters, so they stay Chinese there.
    /// </param>
    /// <returns>
    /// Every inbox message as a card: a complaint's with the buttons that work it, a task's (a care task, an outflow
    /// alert, a task's reminder) with 完成 and 延后, another client's with one that opens the client, and one about
    /// neither (a digest) with none, which a channel whose cards need a button sends as text.
    /// </returns>
    public static BotCard For(InboxMessage message, bool bilingualButtons = false)
    {
        var title = message.Kind switch
        {
            InboxKind.Escalation when message.TaskId is not null =>
                message.Key.Contains(":breach-", StringComparison.Ordinal) ? "任务逾期 Overdue" : "任务升级 Escalation",
            InboxKind.Warning when message.TaskId is not null && message.ClientId is not null && message.Key.StartsWith(message.TaskId, StringComparison.Ordinal)
                => "任务提醒 Reminder",
            InboxKind.Escalation when message.ServiceRequestId is not null => "服务请求升级 Escalation",
            InboxKind.Warning when message.ServiceRequestId is not null => "服务请求预警 Warning",
            InboxKind.Escalation => "投诉升级 Escalation",
            InboxKind.Warning when message.ComplaintId is not null => "SLA 预警 Warning",
            InboxKind.Warning => "预警 Alert",
            InboxKind.Task => "待办任务 Task",
            InboxKind.Digest => "SLA 日报 Digest",
            _ => "通知 Notice",
        };
        var facts = new List<BotFact>();
        if (message.ComplaintId is { } complaint)
        {
            facts.Add(new BotFact("投诉 Complaint", complaint));
        }

        if (message.ServiceRequestId is { } request)
        {
            facts.Add(new BotFact("服务请求 Request", request));
        }

        if (message.TaskId is { } task)
        {
            facts.Add(new BotFact("任务 Task", task));
        }

        if (message.ClientId is { } client)
        {
            facts.Add(new BotFact("客户 Client", client));
        }

        facts.Add(new BotFact("时间 At", ReplyFormat.LocalTime(message.CreatedAt)));
        return new BotCard(title, facts, Buttons(message, bilingualButtons)) { Subtitle = message.Text };
    }

    /// <summary>The text a channel sends for a card it cannot show (no buttons, where its cards need one).</summary>
    public static string AsText(BotCard card) => $"【{card.Title}】\n{card.Subtitle}";

    private static IReadOnlyList<BotButton> Buttons(InboxMessage message, bool bilingual)
    {
        if (message.ComplaintId is { Length: > 0 } id)
        {
            return
            [
                new BotButton(bilingual ? "受理 Acknowledge" : "受理", Command(CommandKind.Acknowledge, id)),
                new BotButton(bilingual ? "转派 Reassign" : "转派", Command(CommandKind.Assign, id)),
                new BotButton(bilingual ? "备注 Comment" : "备注", Command(CommandKind.Note, id)),
            ];
        }

        // A service request is worked with the complaint's commands, which take its id.
        if (message.ServiceRequestId is { Length: > 0 } requestId)
        {
            return
            [
                new BotButton(bilingual ? "受理 Acknowledge" : "受理", Command(CommandKind.Acknowledge, requestId)),
                new BotButton(bilingual ? "转派 Reassign" : "转派", Command(CommandKind.Assign, requestId)),
                new BotButton(bilingual ? "备注 Comment" : "备注", Command(CommandKind.Note, requestId)),
            ];
        }

        // A task (a care task, an outflow alert, an overdue reminder) is finished or put off from its card.
        if (message.TaskId is { Length: > 0 } taskId)
        {
            return ConversationEngine.TaskButtons(taskId, BotLanguage.Chinese, bilingual);
        }

        return message.ClientId is { Length: > 0 } clientId
            ? [new BotButton(bilingual ? "查看客户 Client" : "查看客户", Command(CommandKind.Client, clientId))]
            : [];
    }

    private static string Command(CommandKind kind, string complaintId) =>
        CommandFormatter.Format(new BotCommand(kind, BotLanguage.Chinese, complaintId));
}
