using WealthActors.Employees;
using WealthActors.Handovers;

namespace WealthActors.Grains.Handovers;

/// <summary>
/// The inbox messages a finished handover sends, in Chinese and English: the departing advisor, the new advisor and the
/// team leads each get one, keyed <c>handover:{handoverId}:{employeeId}</c>, so a repeat after a restart is kept once.
/// </summary>
public static class HandoverMessages
{
    public static InboxMessage For(string recipient, string handoverId, HandoverStatus status, DateTimeOffset now)
    {
        var key = $"handover:{handoverId}:{recipient}";
        var text = Text(recipient, handoverId, status);
        return new InboxMessage(key, InboxKind.Info, key, null, null, text.Chinese, now, [], EnglishText: text.English);
    }

    public static MessageText Text(string recipient, string handoverId, HandoverStatus s)
    {
        var tasks = AlsoMoved(s);
        var skipped = s.Skipped == 0 ? ("", "") : ($"；{s.Skipped} 位客户已不在其名下，未移交", $"; {s.Skipped} no longer theirs, not moved");
        if (recipient == s.From)
        {
            return new MessageText(
                $"客户交接 {handoverId}：您名下 {s.Moved} 位客户及其 {s.ComplaintsMoved} 件未结投诉{tasks.Chinese}已移交给 {s.To}{skipped.Item1}。",
                $"Handover {handoverId}: {s.Moved} of your clients and {s.ComplaintsMoved} of their open complaints{tasks.English} have moved to {s.To}{skipped.Item2}.");
        }

        if (recipient == s.To)
        {
            return new MessageText(
                $"客户交接 {handoverId}：{s.From} 名下 {s.Moved} 位客户及其 {s.ComplaintsMoved} 件未结投诉{tasks.Chinese}已移交给您，请尽快联系客户。",
                $"Handover {handoverId}: {s.Moved} clients of {s.From} and {s.ComplaintsMoved} of their open complaints{tasks.English} are now yours; please contact them soon.");
        }

        return new MessageText(
            $"客户交接 {handoverId}：{s.From} 名下 {s.Moved} 位客户及其 {s.ComplaintsMoved} 件未结投诉{tasks.Chinese}已移交给 {s.To}{skipped.Item1}。",
            $"Handover {handoverId}: {s.Moved} clients of {s.From} and {s.ComplaintsMoved} of their open complaints{tasks.English} have moved to {s.To}{skipped.Item2}.");
    }

    /// <summary>The open tasks and service requests that moved with the clients, if any, named after their complaints.</summary>
    private static (string Chinese, string English) AlsoMoved(HandoverStatus s) => (
        (s.TasksMoved > 0 ? $"、{s.TasksMoved} 项待办任务" : "") + (s.RequestsMoved > 0 ? $"、{s.RequestsMoved} 件服务请求" : ""),
        (s.TasksMoved > 0 ? $" and {s.TasksMoved} open tasks" : "") + (s.RequestsMoved > 0 ? $" and {s.RequestsMoved} open service requests" : ""));
}
