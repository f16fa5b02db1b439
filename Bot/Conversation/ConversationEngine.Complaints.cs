using WealthActors.Permissions;
using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.ReadModel;

namespace WealthActors.Bot.Conversation;

public sealed partial class ConversationEngine
{
    /// <summary>A shorter reference would match half the queue; it is not worth guessing from.</summary>
    private const int MinPartialIdLength = 3;

    private sealed record Located(ComplaintView? View, BotReply? Reply);

    private async Task<BotReply> OnComplaint(ConversationTurn turn, BotCommand command, CancellationToken cancellationToken)
    {
        if (IsServiceRequestId(command.Subject))
        {
            return await OnServiceRequest(turn, command);
        }

        var located = await LocateComplaint(turn, command, cancellationToken);
        if (located.View is not { } view)
        {
            return located.Reply!;
        }

        turn.Audit?.Target("complaint", view.ComplaintId);

        var access = command.Kind is CommandKind.Show or CommandKind.Progress ? Access.Read : Access.Write;
        var (advisorId, clientName) = await ClientOf(view.ClientId);
        if (!await turn.May(access, view.BranchId, view.Assignee, advisorId))
        {
            return new BotReply(turn.Say($"抱歉，您无权{ActionName(command.Kind, turn.Language)}投诉 {view.ComplaintId}。",
                $"Sorry, you may not {ActionName(command.Kind, turn.Language)} complaint {view.ComplaintId}."), BotOutcome.Refused);
        }

        if (command.Kind == CommandKind.Show)
        {
            return new BotReply(Summary(turn, view), BotOutcome.Info, ComplaintCard(turn, view, clientName));
        }

        if (command.Kind == CommandKind.Progress)
        {
            return new BotReply(Progress(turn, view), BotOutcome.Info, ComplaintCard(turn, view, clientName));
        }

        var target = command.Target is { } t && CommandVocabulary.Me.Contains(t) ? turn.Principal.EmployeeId : command.Target;
        if (command.Kind == CommandKind.Assign && target is not null && await turn.Employee(target) is null)
        {
            return new BotReply(turn.Say($"没有找到员工 {target}。", $"No employee {target}."), BotOutcome.Refused);
        }

        var complaint = grains.GetGrain<IComplaintGrain>(view.ComplaintId);
        try
        {
            var changed = command.Kind switch
            {
                CommandKind.Acknowledge => await complaint.Acknowledge(turn.Actor, command.Text),
                CommandKind.Note => await complaint.AddNote(turn.Actor, command.Text!),
                CommandKind.Pause => await complaint.Pause(turn.Actor, command.Text!),
                CommandKind.Resume => await complaint.Resume(turn.Actor, command.Text),
                CommandKind.Resolve => await complaint.Resolve(turn.Actor, command.Text!),
                CommandKind.Assign => await complaint.Assign(turn.Actor, target!, command.Text),
                CommandKind.Reopen => await complaint.Reopen(turn.Actor, command.Text!),
                CommandKind.Severity => await complaint.ChangeSeverity(turn.Actor, command.Severity!.Value, command.Text),
                CommandKind.Extend => await complaint.ExtendRegulatoryDeadline(turn.Actor, command.Text!),
                _ => throw new InvalidOperationException($"{command.Kind} is not a complaint command."),
            };
            return Done(turn, command.Kind, changed, clientName);
        }
        catch (InvalidTransitionException)
        {
            // The grain's own message is English and technical; say what the case is now instead.
            var now = await complaint.GetView();
            var status = BotTexts.Status(now.Status, turn.Language);
            var text = command.Kind == CommandKind.Assign && now.Assignee == target
                ? turn.Say($"投诉 {now.ComplaintId} 已由 {target} 处理。", $"Complaint {now.ComplaintId} is already with {target}.")
                : turn.Say($"投诉 {now.ComplaintId} 当前为「{status}」，无法{ActionName(command.Kind, turn.Language)}。",
                    $"Complaint {now.ComplaintId} is {status}; it cannot be {PastParticiple(command.Kind)} now.");
            return new BotReply(text, BotOutcome.Refused, ComplaintCard(turn, now, clientName)) { Badge = status };
        }
    }

    private static BotReply Done(ConversationTurn turn, CommandKind kind, ComplaintView view, string? clientName)
    {
        var id = view.ComplaintId;
        var (text, badge) = kind switch
        {
            CommandKind.Acknowledge => (turn.Say($"已受理投诉 {id}，首次响应已记录。", $"Complaint {id} acknowledged; first response recorded."), turn.Say("已受理", "Acknowledged")),
            CommandKind.Note => (turn.Say($"已为投诉 {id} 添加备注。", $"Note added to complaint {id}."), turn.Say("已备注", "Noted")),
            CommandKind.Pause => (turn.Say($"投诉 {id} 已暂停，SLA 计时停止（监管时限照常计算）。", $"Complaint {id} paused; the SLA clock stopped (the regulatory deadline keeps running)."), turn.Say("已暂停", "Paused")),
            CommandKind.Resume => (turn.Say($"投诉 {id} 已恢复，SLA 重新计时。", $"Complaint {id} resumed; the SLA clock runs again."), turn.Say("已恢复", "Resumed")),
            CommandKind.Resolve => (turn.Say($"投诉 {id} 已解决。", $"Complaint {id} resolved."), turn.Say("已解决", "Resolved")),
            CommandKind.Assign => (turn.Say($"投诉 {id} 已转派给 {view.Assignee}。", $"Complaint {id} assigned to {view.Assignee}."), turn.Say($"已转派 {view.Assignee}", $"Assigned to {view.Assignee}")),
            CommandKind.Reopen => (turn.Say($"投诉 {id} 已重新打开，SLA 重新计时。", $"Complaint {id} reopened; the SLA clock runs again."), turn.Say("已重开", "Reopened")),
            CommandKind.Severity => (turn.Say($"投诉 {id} 的级别已改为「{BotTexts.Severity(view.Severity, turn.Language)}」，时限按新级别重算。",
                $"Complaint {id} is now {BotTexts.Severity(view.Severity, turn.Language)}; its deadlines follow the new severity."), BotTexts.Severity(view.Severity, turn.Language)),
            CommandKind.Extend => (turn.Say($"投诉 {id} 的监管处理时限已延长至 {ReplyFormat.LocalTime(view.RegulatoryDue)}。",
                $"Complaint {id}: regulatory deadline extended to {ReplyFormat.LocalTime(view.RegulatoryDue)}."), turn.Say("已延期", "Extended")),
            _ => (Summary(turn, view), null),
        };
        return new BotReply(text, BotOutcome.Done, ComplaintCard(turn, view, clientName)) { Badge = badge };
    }

    /// <summary>
    /// Finds the case a person means: the exact id first, then a unique prefix or suffix among the open cases they
    /// work on (their queue, and their branch's for managers). Several matches give a pick-list.
    /// </summary>
    private async Task<Located> LocateComplaint(ConversationTurn turn, BotCommand command, CancellationToken cancellationToken)
    {
        var reference = command.Subject!;
        foreach (var id in new[] { reference, reference.ToUpperInvariant() }.Distinct(StringComparer.Ordinal))
        {
            if (ClientIdPattern().IsMatch(id) && await TryGetComplaint(id) is { } exact)
            {
                return new Located(exact, null);
            }
        }

        var hits = reference.Length < MinPartialIdLength
            ? []
            : (await OpenCasesOf(turn, cancellationToken))
                .Where(row => row.ComplaintId.EndsWith(reference, StringComparison.OrdinalIgnoreCase)
                    || row.ComplaintId.StartsWith(reference, StringComparison.OrdinalIgnoreCase))
                .ToList();
        if (hits.Count == 1 && await TryGetComplaint(hits[0].ComplaintId) is { } partial)
        {
            return new Located(partial, null);
        }

        if (hits.Count > 1)
        {
            var shown = hits.Take(PickListSize).ToArray();
            var card = new BotCard(
                turn.Say("请选择投诉", "Which complaint?"),
                shown.Select(r => new BotFact(r.ComplaintId, $"{r.ClientId} · {BotTexts.Status(r.Status, turn.Language)}")).ToArray(),
                shown.Select(r => new BotButton(r.ComplaintId, CommandFormatter.Format(command with { Subject = r.ComplaintId }))).ToArray());
            return new Located(null, new BotReply(
                turn.Say($"有 {hits.Count} 件投诉匹配「{reference}」，请选择：", $"{hits.Count} complaints match \"{reference}\"; please pick one:"),
                BotOutcome.NeedsInput, card));
        }

        return new Located(null, new BotReply(
            turn.Say($"没有找到投诉「{reference}」。可发送「我的待办」查看您的投诉。", $"No complaint \"{reference}\". Send \"my queue\" to see yours."),
            BotOutcome.Refused));
    }

    private async Task<IReadOnlyList<ComplaintRow>> OpenCasesOf(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var mine = await readModel.ListComplaints(new ComplaintFilter(Assignee: turn.Principal.EmployeeId, OpenOnly: true, Limit: 200), cancellationToken);
        if (turn.Principal.Role == EmployeeRole.Advisor)
        {
            return mine;
        }

        var branch = await readModel.ListComplaints(new ComplaintFilter(BranchId: turn.Principal.BranchId, OpenOnly: true, Limit: 500), cancellationToken);
        return mine.Concat(branch).DistinctBy(r => r.ComplaintId).ToList();
    }

    private async Task<ComplaintView?> TryGetComplaint(string complaintId)
    {
        try
        {
            return await grains.GetGrain<IComplaintGrain>(complaintId).GetView();
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The client's advisor (an owner of the case for permissions) and name (for the card).</summary>
    private async Task<(string? AdvisorId, string? Name)> ClientOf(string clientId)
    {
        var client = grains.GetGrain<IClientGrain>(clientId);
        if (!await client.Exists())
        {
            return (null, null);
        }

        var profile = (await client.GetView()).Profile;
        return (profile.AdvisorId, profile.Name);
    }

    private static string Summary(ConversationTurn turn, ComplaintView view) => turn.Say(
        $"投诉 {view.ComplaintId}：{BotTexts.Status(view.Status, turn.Language)}，SLA {BotTexts.Sla(view.SlaState, turn.Language)}。",
        $"Complaint {view.ComplaintId}: {BotTexts.Status(view.Status, turn.Language)}, SLA {BotTexts.Sla(view.SlaState, turn.Language)}.");

    internal static BotCard ComplaintCard(ConversationTurn turn, ComplaintView view, string? clientName)
    {
        var language = turn.Language;
        var next = view.Status == ComplaintStatus.Open ? view.FirstResponseDue : view.ResolutionDue;
        var facts = new List<BotFact>
        {
            new(turn.Say("客户", "Client"), clientName is null ? view.ClientId : $"{clientName} ({view.ClientId})"),
            new(turn.Say("状态", "Status"), $"{BotTexts.Status(view.Status, language)} · {BotTexts.Severity(view.Severity, language)}"),
            new("SLA", BotTexts.Sla(view.SlaState, language) + (view.EscalationLevel > 0 ? $" · L{view.EscalationLevel}" : "")),
            new(turn.Say("处理人", "Assignee"), view.Assignee ?? "-"),
            new(turn.Say(view.Status == ComplaintStatus.Open ? "响应时限" : "解决时限", view.Status == ComplaintStatus.Open ? "Respond by" : "Resolve by"), ReplyFormat.LocalTime(next)),
        };
        return new BotCard(turn.Say($"投诉 {view.ComplaintId}", $"Complaint {view.ComplaintId}"), facts, ComplaintButtons(view.ComplaintId, view.Status, language))
        {
            Subtitle = view.Description.Length > 60 ? view.Description[..59] + "…" : view.Description,
        };
    }

    /// <summary>The next steps a case allows. Commands that need text answer with a prompt that names the case.</summary>
    internal static IReadOnlyList<BotButton> ComplaintButtons(string complaintId, ComplaintStatus status, BotLanguage language)
    {
        CommandKind[] kinds = status switch
        {
            ComplaintStatus.Open => [CommandKind.Acknowledge, CommandKind.Note, CommandKind.Assign],
            ComplaintStatus.Acknowledged => [CommandKind.Note, CommandKind.Pause, CommandKind.Resolve],
            ComplaintStatus.Paused => [CommandKind.Resume, CommandKind.Note],
            _ => [],
        };
        return kinds.Select(kind =>
        {
            var command = new BotCommand(kind, language, complaintId);
            return new BotButton(CommandFormatter.Format(command with { Subject = null }), CommandFormatter.Format(command));
        }).ToArray();
    }

    private static string ActionName(CommandKind kind, BotLanguage language) => kind switch
    {
        CommandKind.Show => language.Say("查看", "view"),
        CommandKind.Acknowledge => language.Say("受理", "acknowledge"),
        CommandKind.Note => language.Say("备注", "add a note to"),
        CommandKind.Pause => language.Say("暂停", "pause"),
        CommandKind.Resume => language.Say("恢复", "resume"),
        CommandKind.Resolve => language.Say("解决", "resolve"),
        CommandKind.Assign => language.Say("转派", "reassign"),
        CommandKind.Reopen => language.Say("重开", "reopen"),
        CommandKind.Severity => language.Say("调整级别", "change the severity of"),
        CommandKind.Extend => language.Say("延期", "extend"),
        CommandKind.Progress => language.Say("查看进度", "follow"),
        _ => language.Say("处理", "work on"),
    };

    private static string PastParticiple(CommandKind kind) => kind switch
    {
        CommandKind.Acknowledge => "acknowledged",
        CommandKind.Note => "noted",
        CommandKind.Pause => "paused",
        CommandKind.Resume => "resumed",
        CommandKind.Resolve => "resolved",
        CommandKind.Assign => "reassigned",
        CommandKind.Reopen => "reopened",
        CommandKind.Severity => "changed in severity",
        CommandKind.Extend => "extended",
        _ => "changed",
    };
}
