using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.Permissions;

namespace WealthActors.Bot.Conversation;

/// <summary>What happened on a case so far (进度), and a contact with a client recorded from chat (记录).</summary>
public sealed partial class ConversationEngine
{
    /// <summary>A bubble holds a handful of lines; the full history is on the case's page and its timeline API.</summary>
    private const int ProgressLines = 8;

    private static string Progress(ConversationTurn turn, ComplaintView view)
    {
        var lines = view.Timeline.TakeLast(ProgressLines)
            .Select(e => $"{ReplyFormat.LocalTime(e.At)} {TimelineKind(e.Kind, turn.Language)} {e.By}{(string.IsNullOrEmpty(e.Text) ? "" : "：" + e.Text)}");
        var earlier = view.TimelineStart + view.Timeline.Count > ProgressLines
            ? turn.Say("（仅列最近几条）", " (latest only)")
            : "";
        return turn.Say($"投诉 {view.ComplaintId} 处理经过{earlier}：", $"Complaint {view.ComplaintId} so far{earlier}:")
            + "\n" + string.Join('\n', lines);
    }

    private async Task<BotReply> LogContact(ConversationTurn turn, BotCommand command, CancellationToken cancellationToken)
    {
        var (client, answer) = await OneClient(turn, command, Access.Write, cancellationToken);
        if (client is null)
        {
            return answer!;
        }

        turn.Audit?.Target("client", client.ClientId);
        var contact = new Interaction(InteractionKind.Message, clock.GetUtcNow(), turn.Principal.EmployeeId, command.Text!);
        await grains.GetGrain<IClientGrain>(client.ClientId).LogInteraction(contact, turn.Actor);
        return new BotReply(
            turn.Say($"已记录与 {client.Name}（{client.ClientId}）的联系。", $"Contact with {client.Name} ({client.ClientId}) recorded."),
            BotOutcome.Done)
        { Badge = turn.Say("已记录", "Recorded") };
    }

    private static string TimelineKind(string kind, BotLanguage language) => kind switch
    {
        "Opened" => language.Say("登记", "opened"),
        "Acknowledged" => language.Say("受理", "acknowledged"),
        "Note" => language.Say("备注", "note"),
        "Paused" => language.Say("暂停", "paused"),
        "Resumed" => language.Say("恢复", "resumed"),
        "Assigned" => language.Say("转派", "assigned"),
        "Escalated" => language.Say("升级", "escalated"),
        "Resolved" => language.Say("解决", "resolved"),
        "Reopened" => language.Say("重开", "reopened"),
        "SeverityChanged" => language.Say("改级别", "severity changed"),
        "RegulatoryDeadlineExtended" => language.Say("监管时限延期", "regulatory deadline extended"),
        _ => kind,
    };
}
