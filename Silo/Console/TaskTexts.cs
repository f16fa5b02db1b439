using WealthActors.Tasks;

namespace WealthActors.Silo.WebConsole;

/// <summary>The texts of the task lists (My work, a client's open tasks), in the console's two languages.</summary>
public sealed record TaskTexts(
    string MyTasks,
    string OpenTasks,
    string Task,
    string Kind,
    string Owner,
    string Due,
    string Overdue,
    string Outcome,
    string Complete,
    string SnoozeDay,
    string SnoozeWeek,
    string NoTasks,
    string Done,
    IReadOnlyDictionary<WorkItemStatus, string> Statuses)
{
    public static readonly TaskTexts Chinese = new(
        MyTasks: "我的任务", OpenTasks: "待办任务", Task: "任务", Kind: "类型", Owner: "负责人", Due: "到期", Overdue: "已逾期",
        Outcome: "结果", Complete: "完成", SnoozeDay: "延后 1 天", SnoozeWeek: "延后 1 周", NoTasks: "没有待办任务", Done: "已完成",
        Statuses: new Dictionary<WorkItemStatus, string>
        {
            [WorkItemStatus.Open] = "待办", [WorkItemStatus.Snoozed] = "已延后", [WorkItemStatus.Done] = "已完成", [WorkItemStatus.Cancelled] = "已取消",
        });

    public static readonly TaskTexts English = new(
        MyTasks: "My tasks", OpenTasks: "Open tasks", Task: "Task", Kind: "Kind", Owner: "Owner", Due: "Due", Overdue: "Overdue",
        Outcome: "Outcome", Complete: "Done", SnoozeDay: "Snooze 1 day", SnoozeWeek: "Snooze 1 week", NoTasks: "No open tasks", Done: "Done",
        Statuses: new Dictionary<WorkItemStatus, string>
        {
            [WorkItemStatus.Open] = "Open", [WorkItemStatus.Snoozed] = "Snoozed", [WorkItemStatus.Done] = "Done", [WorkItemStatus.Cancelled] = "Cancelled",
        });

    public static TaskTexts For(ConsoleTexts texts) => texts == ConsoleTexts.English ? English : Chinese;
}
