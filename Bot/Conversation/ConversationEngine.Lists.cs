using WealthActors.Permissions;
using System.Text;
using WealthActors.ReadModel;

namespace WealthActors.Bot.Conversation;

public sealed partial class ConversationEngine
{
    /// <summary>A chat bubble shows about this many rows before people stop reading.</summary>
    private const int ListRows = 8;

    /// <summary>WeCom cards hold at most six buttons and six key/value lines; other channels follow suit.</summary>
    private const int CardRows = 6;

    private async Task<BotReply> MyQueue(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var rows = await readModel.ListComplaints(
            new ComplaintFilter(Assignee: turn.Principal.EmployeeId, OpenOnly: true, Limit: 50), cancellationToken);
        if (rows.Count == 0)
        {
            return new BotReply(turn.Say("您目前没有待办投诉。", "Your queue is empty."));
        }

        var header = turn.Say($"您有 {rows.Count} 件待办投诉（最紧急在前）：", $"You have {rows.Count} open complaints (most urgent first):");
        return new BotReply(Lines(turn, header, rows), BotOutcome.Info, ListCard(turn, turn.Say($"我的待办（{rows.Count}）", $"My queue ({rows.Count})"), rows));
    }

    private async Task<BotReply> Breaches(ConversationTurn turn, BotCommand command, CancellationToken cancellationToken)
    {
        var branchId = command.Subject ?? turn.Principal.BranchId;
        var parent = (await turn.Branch(branchId))?.ParentBranchId;
        if (!AccessRules.MayListBranch(turn.Principal, branchId, parent))
        {
            return new BotReply(turn.Say($"抱歉，您无权查看网点 {branchId} 的超时投诉。", $"Sorry, you may not list the breaches of branch {branchId}."), BotOutcome.Refused);
        }

        var rows = await readModel.ListComplaints(
            new ComplaintFilter(BranchId: branchId, SlaState: SlaState.Breached, OpenOnly: true, Limit: 100), cancellationToken);
        var visible = new List<ComplaintRow>();
        foreach (var row in rows)
        {
            // An advisor or team lead asking about their own branch sees only their own and their team's cases.
            if (await turn.May(Access.Read, row.BranchId, row.Assignee))
            {
                visible.Add(row);
            }
        }

        if (visible.Count == 0)
        {
            return new BotReply(turn.Say($"网点 {branchId} 目前没有超时投诉。", $"Branch {branchId} has no breached complaints."));
        }

        var header = turn.Say($"网点 {branchId} 有 {visible.Count} 件超时投诉：", $"Branch {branchId} has {visible.Count} breached complaints:");
        return new BotReply(Lines(turn, header, visible), BotOutcome.Info,
            ListCard(turn, turn.Say($"超时投诉 {branchId}（{visible.Count}）", $"Breaches {branchId} ({visible.Count})"), visible));
    }

    private static string Lines(ConversationTurn turn, string header, IReadOnlyList<ComplaintRow> rows)
    {
        var text = new StringBuilder(header);
        foreach (var (row, index) in rows.Take(ListRows).Select((row, index) => (row, index)))
        {
            text.Append('\n').Append(index + 1).Append(". ").Append(row.ComplaintId).Append(' ')
                .Append(row.ClientId).Append(" · ").Append(BotTexts.Status(row.Status, turn.Language))
                .Append(" · ").Append(BotTexts.Sla(row.SlaState, turn.Language));
            if (row.NextDeadline is { } due)
            {
                text.Append(" · ").Append(turn.Say("下个节点 ", "next ")).Append(ReplyFormat.LocalTime(due));
            }
        }

        if (rows.Count > ListRows)
        {
            text.Append('\n').Append(turn.Say($"……另有 {rows.Count - ListRows} 件", $"…and {rows.Count - ListRows} more"));
        }

        return text.ToString();
    }

    /// <summary>One line and one button per case: acknowledge what is still open, otherwise show it.</summary>
    private static BotCard ListCard(ConversationTurn turn, string title, IReadOnlyList<ComplaintRow> rows)
    {
        var shown = rows.Take(CardRows).ToArray();
        return new BotCard(
            title,
            shown.Select(r => new BotFact(r.ComplaintId, $"{BotTexts.Sla(r.SlaState, turn.Language)} · {ReplyFormat.LocalTime(r.NextDeadline)}")).ToArray(),
            shown.Select(r =>
            {
                var kind = r.Status == ComplaintStatus.Open ? CommandKind.Acknowledge : CommandKind.Show;
                var command = CommandFormatter.Format(new BotCommand(kind, turn.Language, r.ComplaintId));
                return new BotButton($"{CommandFormatter.Format(new BotCommand(kind, turn.Language))} …{r.ComplaintId[^Math.Min(6, r.ComplaintId.Length)..]}", command);
            }).ToArray());
    }
}
