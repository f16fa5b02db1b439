namespace WealthActors.Bot.Conversation;

/// <summary>Fixed texts and the names of domain values, in the language of the person.</summary>
internal static class BotTexts
{
    public static string Say(this BotLanguage language, string chinese, string english) =>
        language == BotLanguage.Chinese ? chinese : english;

    public static string Help(BotLanguage language) => language.Say(
        """
        可用命令：
        客户 <姓名|编号> 客户视图
        投诉 <客户> <紧急|高|中|低> <描述>
        我的待办
        查看 <投诉号>
        受理 <投诉号>
        备注 <投诉号> <内容>
        暂停 <投诉号> <原因>
        恢复 <投诉号>
        解决 <投诉号> <处理结果>
        转派 <投诉号> <员工号|我>
        重开 <投诉号> <原因>
        级别 <投诉号> <紧急|高|中|低> [原因]
        延期 <投诉号> <原因>（监管时限延长）
        进度 <投诉号> 处理经过
        记录 <客户> <内容> 记一次联系
        推荐 <客户> 适合客户风险等级的在售产品
        超时 [网点]
        我的任务
        完成 <任务号> <结果>
        延后 <任务号> <日期|N天|明天>
        投诉号、任务号可只输入待办中的末几位。
        """,
        """
        Commands:
        client <name|id> - client view
        complain <client> <critical|high|normal|low> <text>
        my queue
        show <complaint>
        ack <complaint>
        note <complaint> <text>
        pause <complaint> <reason>
        resume <complaint>
        resolve <complaint> <outcome>
        assign <complaint> <employee|me>
        reopen <complaint> <reason>
        severity <complaint> <critical|high|normal|low> [reason]
        extend <complaint> <reason> (regulatory deadline)
        progress <complaint> - what happened so far
        log <client> <text> - record a contact
        suggest <client> - products on sale that suit the client's risk level
        breaches [branch]
        my tasks
        done <task> <outcome>
        snooze <task> <date|Nd|tomorrow>
        A complaint or task may be named by the last few characters of an id in your queue.
        """);

    public static string Usage(CommandKind kind, BotLanguage language, string? subject)
    {
        var id = subject ?? language.Say("<投诉号>", "<complaint>");
        return kind switch
        {
            CommandKind.Client => language.Say("请告诉我客户姓名或编号，例如：客户 张伟", "Which client? For example: client Zhang Wei"),
            CommandKind.Suggest => language.Say("请告诉我客户姓名或编号，例如：推荐 张伟", "Which client? For example: suggest Zhang Wei"),
            CommandKind.Complain => language.Say(
                "请按格式登记：投诉 <客户> <紧急|高|中|低> <描述>，例如：投诉 张伟 高 转账三天未到账",
                "Please use: complain <client> <critical|high|normal|low> <text>, e.g. complain Zhang high transfer delayed"),
            CommandKind.Show => language.Say($"请输入：查看 {id}", $"Please type: show {id}"),
            CommandKind.Acknowledge => language.Say($"请输入：受理 {id}", $"Please type: ack {id}"),
            CommandKind.Note => language.Say($"请补充备注内容：备注 {id} <内容>", $"Please add the text: note {id} <text>"),
            CommandKind.Pause => language.Say($"请说明暂停原因：暂停 {id} <原因>", $"Please give a reason: pause {id} <reason>"),
            CommandKind.Resume => language.Say($"请输入：恢复 {id}", $"Please type: resume {id}"),
            CommandKind.Resolve => language.Say($"请填写处理结果：解决 {id} <处理结果>", $"Please describe the outcome: resolve {id} <outcome>"),
            CommandKind.Assign => language.Say($"请指定接手人：转派 {id} <员工号|我>", $"Who should take it? assign {id} <employee|me>"),
            CommandKind.Reopen => language.Say($"请说明重开原因：重开 {id} <原因>", $"Please give a reason: reopen {id} <reason>"),
            CommandKind.Severity => language.Say($"请指定级别：级别 {id} <紧急|高|中|低> [原因]", $"Which severity? severity {id} <critical|high|normal|low> [reason]"),
            CommandKind.Extend => language.Say($"请说明延期原因：延期 {id} <原因>", $"Please give a reason: extend {id} <reason>"),
            CommandKind.Progress => language.Say($"请输入：进度 {id}", $"Please type: progress {id}"),
            CommandKind.Log => language.Say("请按格式记录：记录 <客户> <内容>，例如：记录 张伟 电话回访，客户满意", "Please use: log <client> <text>, e.g. log Zhang called back, client satisfied"),
            CommandKind.TaskDone => language.Say($"请填写结果：完成 {subject ?? "<任务号>"} <结果>", $"Please give the outcome: done {subject ?? "<task>"} <outcome>"),
            CommandKind.TaskSnooze => language.Say($"请指定日期：延后 {subject ?? "<任务号>"} <yyyy-MM-dd|N天|明天>",
                $"Until when? snooze {subject ?? "<task>"} <yyyy-MM-dd|Nd|tomorrow>"),
            _ => Help(language),
        };
    }

    public static string Status(ComplaintStatus status, BotLanguage language) => status switch
    {
        ComplaintStatus.Open => language.Say("待受理", "open"),
        ComplaintStatus.Acknowledged => language.Say("已受理", "acknowledged"),
        ComplaintStatus.Paused => language.Say("已暂停", "paused"),
        ComplaintStatus.Resolved => language.Say("已解决", "resolved"),
        _ => status.ToString(),
    };

    public static string Sla(SlaState state, BotLanguage language) => state switch
    {
        SlaState.OnTrack => language.Say("正常", "on track"),
        SlaState.AtRisk => language.Say("临近超时", "at risk"),
        SlaState.Breached => language.Say("已超时", "breached"),
        SlaState.Paused => language.Say("计时暂停", "paused"),
        SlaState.Met => language.Say("已达标", "met"),
        _ => state.ToString(),
    };

    public static string Severity(Severity severity, BotLanguage language) => severity switch
    {
        WealthActors.Severity.Critical => language.Say("紧急", "critical"),
        WealthActors.Severity.High => language.Say("高", "high"),
        WealthActors.Severity.Normal => language.Say("中", "normal"),
        WealthActors.Severity.Low => language.Say("低", "low"),
        _ => severity.ToString(),
    };

    public static string Tier(ClientTier tier, BotLanguage language) => tier switch
    {
        ClientTier.Mass => language.Say("大众", "mass"),
        ClientTier.Affluent => language.Say("富裕", "affluent"),
        ClientTier.HighNetWorth => language.Say("高净值", "high net worth"),
        ClientTier.UltraHighNetWorth => language.Say("超高净值", "ultra high net worth"),
        _ => tier.ToString(),
    };

    public static string Lifecycle(LifecycleStage stage, BotLanguage language) => stage switch
    {
        LifecycleStage.Prospect => language.Say("潜在客户", "prospect"),
        LifecycleStage.New => language.Say("新客户", "new"),
        LifecycleStage.Active => language.Say("活跃", "active"),
        LifecycleStage.Dormant => language.Say("休眠", "dormant"),
        LifecycleStage.Churned => language.Say("流失", "churned"),
        _ => stage.ToString(),
    };
}
