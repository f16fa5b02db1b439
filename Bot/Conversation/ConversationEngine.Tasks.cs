using WealthActors.Permissions;
using WealthActors.Tasks;

namespace WealthActors.Bot.Conversation;

/// <summary>Tasks in chat: "我的任务 / my tasks", "完成 / done" with an outcome, "延后 / snooze" to a date; cards carry 完成 and 延后.</summary>
public sealed partial class ConversationEngine
{
    /// <summary>The outcome a card's 完成 button records: the person followed the task up.</summary>
    internal const string ButtonOutcome = "已跟进";

    /// <summary>How far a card's 延后 button puts a task off.</summary>
    internal const string ButtonSnooze = "1天";

    private const int TasksShown = 10;

    private sealed record LocatedTask(TaskView? View, BotReply? Reply);

    private async Task<BotReply> MyTasks(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var open = await OpenTasksOf(turn.Principal.EmployeeId, cancellationToken);
        if (open.Count == 0)
        {
            return new BotReply(turn.Say("您没有待完成的任务。", "You have no open tasks."));
        }

        var shown = open.Take(TasksShown).ToArray();
        var lines = shown.Select(t => $"• {t.TaskId} {Short(t.Title)} · {t.ClientId} · "
            + turn.Say($"{(t.Overdue ? "已逾期 " : "")}到期 {ReplyFormat.LocalTime(t.Due)}", $"{(t.Overdue ? "overdue, " : "")}due {ReplyFormat.LocalTime(t.Due)}"));
        var text = turn.Say($"您有 {open.Count} 项待完成任务：", $"You have {open.Count} open task(s):") + "\n" + string.Join("\n", lines);
        var first = shown[0];
        var card = new BotCard(
            turn.Say("我的任务", "My tasks"),
            shown.Select(t => new BotFact(t.TaskId, $"{Short(t.Title)} · {ReplyFormat.LocalTime(t.Due)}")).ToArray(),
            TaskButtons(first.TaskId, turn.Language, bilingual: false));
        return new BotReply(text, BotOutcome.Info, card);
    }

    private async Task<BotReply> OnTask(ConversationTurn turn, BotCommand command, CancellationToken cancellationToken)
    {
        var located = await LocateTask(turn, command.Subject!, cancellationToken);
        if (located.View is not { } view)
        {
            return located.Reply!;
        }

        turn.Audit?.Target("task", view.TaskId);
        if (!await turn.May(Access.Write, view.BranchId, view.Owner))
        {
            return new BotReply(turn.Say($"抱歉，您无权处理任务 {view.TaskId}。", $"Sorry, you may not work on task {view.TaskId}."), BotOutcome.Refused);
        }

        var task = grains.GetGrain<ITaskGrain>(view.TaskId);
        try
        {
            if (command.Kind == CommandKind.TaskDone)
            {
                var done = await task.Complete(turn.Actor, command.Text!);
                return new BotReply(turn.Say($"任务 {done.TaskId} 已完成，已记为一次客户联系。", $"Task {done.TaskId} done; recorded as a contact with the client."),
                    BotOutcome.Done, TaskCard(turn, done))
                { Badge = turn.Say("已完成", "Done") };
            }

            var (when, reason) = SplitFirst(command.Text!);
            if (!SnoozeDates.TryParse(when, clock.GetUtcNow(), out var until))
            {
                return new BotReply(BotTexts.Usage(CommandKind.TaskSnooze, turn.Language, view.TaskId), BotOutcome.NeedsInput);
            }

            var snoozed = await task.Snooze(turn.Actor, until, reason);
            return new BotReply(turn.Say($"任务 {snoozed.TaskId} 已延后至 {ReplyFormat.LocalTime(until)}。", $"Task {snoozed.TaskId} snoozed until {ReplyFormat.LocalTime(until)}."),
                BotOutcome.Done, TaskCard(turn, snoozed))
            { Badge = turn.Say("已延后", "Snoozed") };
        }
        catch (InvalidTransitionException)
        {
            var now = await task.GetView();
            var status = TaskStatusText(now.Status, turn.Language);
            return new BotReply(turn.Say($"任务 {now.TaskId} 当前为「{status}」，无法再处理。", $"Task {now.TaskId} is {status}; it cannot be changed now."),
                BotOutcome.Refused, TaskCard(turn, now))
            { Badge = status };
        }
    }

    /// <summary>The exact id first, then a unique prefix or suffix among the person's open tasks.</summary>
    private async Task<LocatedTask> LocateTask(ConversationTurn turn, string reference, CancellationToken cancellationToken)
    {
        foreach (var id in new[] { reference, reference.ToUpperInvariant() }.Distinct(StringComparer.Ordinal))
        {
            if (ClientIdPattern().IsMatch(id) && await TryGetTask(id) is { } exact)
            {
                return new LocatedTask(exact, null);
            }
        }

        var hits = reference.Length < MinPartialIdLength
            ? []
            : (await OpenTasksOf(turn.Principal.EmployeeId, cancellationToken))
                .Where(t => t.TaskId.EndsWith(reference, StringComparison.OrdinalIgnoreCase) || t.TaskId.StartsWith(reference, StringComparison.OrdinalIgnoreCase))
                .ToList();
        if (hits.Count == 1 && await TryGetTask(hits[0].TaskId) is { } partial)
        {
            return new LocatedTask(partial, null);
        }

        return new LocatedTask(null, new BotReply(hits.Count > 1
            ? turn.Say($"有 {hits.Count} 项任务匹配「{reference}」，请输入更完整的任务号。", $"{hits.Count} tasks match \"{reference}\"; please type more of the id.")
            : turn.Say($"没有找到任务「{reference}」。可发送「我的任务」查看。", $"No task \"{reference}\". Send \"my tasks\" to see yours."),
            hits.Count > 1 ? BotOutcome.NeedsInput : BotOutcome.Refused));
    }

    private async Task<IReadOnlyList<TaskRow>> OpenTasksOf(string employeeId, CancellationToken cancellationToken)
    {
        var open = await tasks.ListTasks(employeeId, WorkItemStatus.Open, 200, cancellationToken);
        var snoozed = await tasks.ListTasks(employeeId, WorkItemStatus.Snoozed, 200, cancellationToken);
        return open.Concat(snoozed).OrderBy(t => t.Due).ThenBy(t => t.TaskId, StringComparer.Ordinal).ToList();
    }

    private async Task<TaskView?> TryGetTask(string taskId)
    {
        try
        {
            return await grains.GetGrain<ITaskGrain>(taskId).GetView();
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }

    private static BotCard TaskCard(ConversationTurn turn, TaskView view)
    {
        var facts = new List<BotFact>
        {
            new(turn.Say("客户", "Client"), view.ClientId),
            new(turn.Say("状态", "Status"), TaskStatusText(view.Status, turn.Language) + (view.Overdue ? turn.Say(" · 已逾期", " · overdue") : "")),
            new(turn.Say("负责人", "Owner"), view.Owner),
            new(turn.Say("到期", "Due"), ReplyFormat.LocalTime(view.Due)),
        };
        if (view.Outcome is { } outcome)
        {
            facts.Add(new BotFact(turn.Say("结果", "Outcome"), outcome));
        }

        // A finished task's card opens its client instead (a channel's cards need a button).
        var open = view.Status is WorkItemStatus.Open or WorkItemStatus.Snoozed;
        IReadOnlyList<BotButton> buttons = open
            ? TaskButtons(view.TaskId, turn.Language, bilingual: false)
            : [new BotButton(turn.Say("查看客户", "Client"), CommandFormatter.Format(new BotCommand(CommandKind.Client, turn.Language, view.ClientId)))];
        return new BotCard(turn.Say($"任务 {view.TaskId}", $"Task {view.TaskId}"), facts, buttons)
        {
            Subtitle = Short(view.Title),
        };
    }

    /// <summary>
    /// 完成 and 延后 as commands a person could type: 完成 records <see cref="ButtonOutcome"/>, 延后 puts the task off by
    /// <see cref="ButtonSnooze"/>. Whoever clicks runs them as themselves, with their own permission check.
    /// </summary>
    internal static IReadOnlyList<BotButton> TaskButtons(string taskId, BotLanguage language, bool bilingual) =>
    [
        new BotButton(bilingual ? "完成 Done" : "完成", CommandFormatter.Format(new BotCommand(CommandKind.TaskDone, BotLanguage.Chinese, taskId, ButtonOutcome))),
        new BotButton(bilingual ? "延后 Snooze" : "延后", CommandFormatter.Format(new BotCommand(CommandKind.TaskSnooze, BotLanguage.Chinese, taskId, ButtonSnooze))),
    ];

    private static string TaskStatusText(WorkItemStatus status, BotLanguage language) => status switch
    {
        WorkItemStatus.Open => language.Say("待完成", "open"),
        WorkItemStatus.Done => language.Say("已完成", "done"),
        WorkItemStatus.Snoozed => language.Say("已延后", "snoozed"),
        WorkItemStatus.Cancelled => language.Say("已取消", "cancelled"),
        _ => status.ToString(),
    };

    private static (string Word, string? Tail) SplitFirst(string text)
    {
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\u3000', ',', '，']);
        return space < 0 ? (trimmed, null) : (trimmed[..space], trimmed[(space + 1)..].Trim() is { Length: > 0 } rest ? rest : null);
    }

    private static string Short(string text) => text.Length > 40 ? text[..39] + "…" : text;
}
