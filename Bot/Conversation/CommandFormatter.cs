namespace WealthActors.Bot.Conversation;

/// <summary>Writes a command back as text a person could type; card buttons carry these strings.</summary>
public static class CommandFormatter
{
    public static string Format(BotCommand command)
    {
        var zh = command.Language == BotLanguage.Chinese;
        var verb = command.Kind switch
        {
            CommandKind.Help => zh ? "帮助" : "help",
            CommandKind.Client => zh ? "客户" : "client",
            CommandKind.Complain => zh ? "投诉" : "complain",
            CommandKind.MyQueue => zh ? "我的待办" : "my queue",
            CommandKind.Show => zh ? "查看" : "show",
            CommandKind.Acknowledge => zh ? "受理" : "ack",
            CommandKind.Note => zh ? "备注" : "note",
            CommandKind.Pause => zh ? "暂停" : "pause",
            CommandKind.Resume => zh ? "恢复" : "resume",
            CommandKind.Resolve => zh ? "解决" : "resolve",
            CommandKind.Assign => zh ? "转派" : "assign",
            CommandKind.Breaches => zh ? "超时" : "breaches",
            CommandKind.Reopen => zh ? "重开" : "reopen",
            CommandKind.Severity => zh ? "级别" : "severity",
            CommandKind.Extend => zh ? "延期" : "extend",
            CommandKind.Progress => zh ? "进度" : "progress",
            CommandKind.Log => zh ? "记录" : "log",
            CommandKind.MyTasks => zh ? "我的任务" : "my tasks",
            CommandKind.TaskDone => zh ? "完成" : "done",
            CommandKind.TaskSnooze => zh ? "延后" : "snooze",
            CommandKind.Suggest => zh ? "推荐" : "suggest",
            _ => command.Kind.ToString(),
        };
        string?[] parts = command.Kind switch
        {
            CommandKind.Complain => [verb, command.Subject, command.Severity is { } s ? BotTexts.Severity(s, command.Language) : null, command.Text],
            CommandKind.Assign => [verb, command.Subject, command.Target, command.Text],
            CommandKind.Severity => [verb, command.Subject, command.Severity is { } level ? BotTexts.Severity(level, command.Language) : null, command.Text],
            _ => [verb, command.Subject, command.Text],
        };
        return string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)));
    }
}
