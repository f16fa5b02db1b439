using WealthActors.Employees;

namespace WealthActors.Bot.Conversation;

/// <summary>
/// The card a pushed inbox message becomes on a chat channel. Buttons carry ordinary commands, so a click runs
/// exactly what typing them would, with the same permission checks.
/// </summary>
public static class InboxCards
{
    /// <summary>Escalations and warnings ask for action; the other kinds only inform and are not pushed as cards.</summary>
    public static bool IsActionable(InboxMessage message) =>
        message.Kind is InboxKind.Escalation or InboxKind.Warning && message.ComplaintId is { Length: > 0 };

    /// <param name="bilingualButtons">
    /// Labels such as "受理 Acknowledge" where the channel has room for them (Teams); WeCom's buttons hold a few
    /// characters, so they stay Chinese there.
    /// </param>
    public static BotCard For(InboxMessage message, bool bilingualButtons = false)
    {
        var complaintId = message.ComplaintId ?? "-";
        var title = message.Kind switch
        {
            InboxKind.Escalation => "投诉升级 Escalation",
            InboxKind.Warning => "SLA 预警 Warning",
            _ => "通知 Notice",
        };
        var facts = new List<BotFact>
        {
            new("投诉 Complaint", complaintId),
            new("客户 Client", message.ClientId ?? "-"),
            new("时间 At", ReplyFormat.LocalTime(message.CreatedAt)),
        };
        IReadOnlyList<BotButton> buttons = message.ComplaintId is { Length: > 0 } id
            ?
            [
                new BotButton(bilingualButtons ? "受理 Acknowledge" : "受理", Command(CommandKind.Acknowledge, id)),
                new BotButton(bilingualButtons ? "转派 Reassign" : "转派", Command(CommandKind.Assign, id)),
                new BotButton(bilingualButtons ? "备注 Comment" : "备注", Command(CommandKind.Note, id)),
            ]
            : [];
        return new BotCard(title, facts, buttons) { Subtitle = message.Text };
    }

    private static string Command(CommandKind kind, string complaintId) =>
        CommandFormatter.Format(new BotCommand(kind, BotLanguage.Chinese, complaintId));
}
