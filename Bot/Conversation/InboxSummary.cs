using System.Globalization;
using System.Text;
using WealthActors.Employees;

namespace WealthActors.Bot.Conversation;

/// <summary>
/// The summary card that stands for several inbox messages when a wave of them exceeds what a chat channel may send
/// one person (see <c>PushCoalescing</c>): a count ("12 条新升级"), one line per message naming its case, client and
/// escalation level, and where to work them (the 我的待办 command, the console). In the recipient's language.
/// </summary>
public static class InboxSummary
{
    /// <summary>Where the console lists the cases a summary names.</summary>
    public const string ConsolePage = "/console/complaints";

    // A line's parts are ids; longer ones are cut so that a full summary stays within a chat message.
    private const int MaxPart = 24;

    public static string Title(IReadOnlyList<InboxMessage> messages, bool english)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var count = messages.Count.ToString(CultureInfo.InvariantCulture);
        return messages.All(m => m.Kind == InboxKind.Escalation)
            ? english ? $"{count} new escalations" : $"{count} 条新升级"
            : english ? $"{count} new messages" : $"{count} 条新消息";
    }

    /// <summary>The summary as chat text: its title, a line per message (oldest first), and what to do next.</summary>
    public static string Text(IReadOnlyList<InboxMessage> messages, bool english)
    {
        var text = new StringBuilder().Append('【').Append(Title(messages, english)).Append('】');
        foreach (var message in messages)
        {
            text.Append('\n').Append(Line(message, english));
        }

        text.Append('\n').Append(english
            ? $"Send \"my queue\" to see and work them, or open {ConsolePage} in the console."
            : $"发送「我的待办」查看并处理，或在控制台打开 {ConsolePage}。");
        return text.ToString();
    }

    /// <summary>"CMP-1 · 客户 C1 · L2": the case the message is about, its client and its escalation level where it has them.</summary>
    public static string Line(InboxMessage message, bool english)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = new List<string> { Cut(CaseOf(message)) };
        if (message.ClientId is { Length: > 0 } client)
        {
            parts.Add((english ? "client " : "客户 ") + Cut(client));
        }

        if (LevelOf(message) is { } level)
        {
            parts.Add($"L{level}");
        }

        return "· " + string.Join(" · ", parts);
    }

    /// <summary>
    /// An escalation's level, from its key (<c>caseId:level:policyVersion</c>); null for other messages and keys of
    /// another form (a task's breach).
    /// </summary>
    public static int? LevelOf(InboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind != InboxKind.Escalation)
        {
            return null;
        }

        var parts = message.Key.Split(':');
        return parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var level) ? level : null;
    }

    private static string CaseOf(InboxMessage message) =>
        message.ComplaintId ?? message.ServiceRequestId ?? message.TaskId ?? message.Key;

    private static string Cut(string value) => value.Length <= MaxPart ? value : value[..(MaxPart - 1)] + "…";
}
