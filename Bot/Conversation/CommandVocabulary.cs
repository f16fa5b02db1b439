namespace WealthActors.Bot.Conversation;

/// <summary>The words that start each command, and the severity words, in Chinese and English.</summary>
internal static class CommandVocabulary
{
    public sealed record Verb(string Word, CommandKind Kind, BotLanguage Language);

    /// <summary>Longest first, so "我的待办" wins over "待办" and "acknowledge" over "ack".</summary>
    public static readonly IReadOnlyList<Verb> Verbs = Build(
        (CommandKind.Help, ["帮助", "菜单", "?"], ["help", "menu", "commands"]),
        (CommandKind.Client, ["客户", "查客户"], ["client", "customer"]),
        (CommandKind.Complain, ["投诉", "新投诉"], ["complain", "complaint"]),
        (CommandKind.MyQueue, ["我的待办", "待办"], ["my queue", "myqueue", "queue", "todo"]),
        (CommandKind.Show, ["查看", "详情"], ["show", "view", "case"]),
        (CommandKind.Acknowledge, ["受理"], ["ack", "acknowledge"]),
        (CommandKind.Note, ["备注"], ["note", "comment"]),
        (CommandKind.Pause, ["暂停"], ["pause", "hold"]),
        (CommandKind.Resume, ["恢复"], ["resume"]),
        (CommandKind.Resolve, ["解决", "办结"], ["resolve", "close"]),
        (CommandKind.Assign, ["转派", "转交"], ["assign", "reassign"]),
        (CommandKind.Breaches, ["超时", "逾期"], ["breaches", "overdue"]),
        (CommandKind.Reopen, ["重开", "重新打开"], ["reopen"]),
        (CommandKind.Severity, ["级别", "改级别"], ["severity"]),
        (CommandKind.Extend, ["延期"], ["extend"]),
        (CommandKind.Progress, ["进度"], ["progress", "timeline"]),
        (CommandKind.Log, ["记录"], ["log"]),
        (CommandKind.MyTasks, ["我的任务", "任务"], ["my tasks", "mytasks", "tasks"]),
        (CommandKind.TaskDone, ["完成"], ["done", "complete"]),
        (CommandKind.TaskSnooze, ["延后", "推迟"], ["snooze", "postpone"]),
        (CommandKind.Suggest, ["推荐", "适合产品"], ["suggest", "recommend"]));

    /// <summary>Words that may stand between a complaint id and the employee in an assignment ("转派 X 给 E200").</summary>
    public static readonly IReadOnlySet<string> AssignPrepositions = new HashSet<string>(["给", "至", "到", "to"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Words meaning the person speaking, as an assignment target.</summary>
    public static readonly IReadOnlySet<string> Me = new HashSet<string>(["我", "自己", "me", "myself"], StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, Severity> SeverityWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["紧急"] = Severity.Critical, ["特急"] = Severity.Critical, ["严重"] = Severity.Critical,
        ["critical"] = Severity.Critical, ["urgent"] = Severity.Critical,
        ["高"] = Severity.High, ["较高"] = Severity.High, ["high"] = Severity.High,
        ["中"] = Severity.Normal, ["一般"] = Severity.Normal, ["普通"] = Severity.Normal,
        ["normal"] = Severity.Normal, ["medium"] = Severity.Normal,
        ["低"] = Severity.Low, ["轻微"] = Severity.Low, ["low"] = Severity.Low,
    };

    public static bool TryParseSeverity(string word, out Severity severity) => SeverityWords.TryGetValue(word, out severity);

    private static Verb[] Build(params (CommandKind Kind, string[] Chinese, string[] English)[] entries) =>
        entries.SelectMany(e => e.Chinese.Select(w => new Verb(w, e.Kind, BotLanguage.Chinese))
                .Concat(e.English.Select(w => new Verb(w, e.Kind, BotLanguage.English))))
            .OrderByDescending(v => v.Word.Length)
            .ToArray();
}
