using WealthActors.Employees;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Tasks;

/// <summary>The short texts a task puts into people's inboxes, in both languages; they must fit a chat bubble.</summary>
internal static class TaskMessages
{
    public static MessageText Created(TaskState s, string taskId) => new(
        $"【新任务】{s.Title}（客户 {s.ClientName} {s.ClientId}），{Day(s)} 前完成。任务 {taskId}",
        $"New task: {English(s)} (client {s.ClientName} {s.ClientId}), due {Day(s)}. Task {taskId}");

    public static MessageText For(SlaEvent e, TaskState s, string taskId, string? owner, (string Chinese, string English)? toRole)
    {
        var who = $"{s.ClientName} ({s.ClientId})";
        return e.Kind switch
        {
            SlaEventKind.Escalation => new(
                $"【任务升级 L{e.Level}】{owner} 的任务「{s.Title}」（客户 {who}）已逾期未完成，升级至{toRole?.Chinese}。任务 {taskId}",
                $"Escalation L{e.Level}: task \"{English(s)}\" of {owner} for {who} is overdue since {Day(s)}; escalated to the {toRole?.English}. Task {taskId}"),
            SlaEventKind.ResolutionWarning => new(
                $"【任务即将到期】「{s.Title}」（客户 {who}）将于 {Day(s)} 到期。任务 {taskId}",
                $"Task \"{English(s)}\" for {who} is due {Day(s)}. Task {taskId}"),
            SlaEventKind.ResolutionBreach => new(
                $"【任务已逾期】「{s.Title}」（客户 {who}）已过期限 {Day(s)}，请尽快完成。任务 {taskId}",
                $"Task \"{English(s)}\" for {who} is overdue (due {Day(s)}). Task {taskId}"),
            _ => new($"任务 {taskId}：{e.Name}", $"Task {taskId}: {e.Name}"),
        };
    }

    private static string English(TaskState s) => s.EnglishTitle ?? s.Title;

    private static string Day(TaskState s) => s.Due.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
