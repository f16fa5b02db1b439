using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Chat;

/// <summary>What a channel may still send one person: sends it may make now, and when the next one frees up.</summary>
/// <param name="Available">Whole sends the channel's limit allows at once, now.</param>
/// <param name="NextAt">When one more send becomes available (now, when some already are).</param>
public readonly record struct SendBudget(int Available, DateTimeOffset NextAt);

/// <summary>What to send one person now, and what waits for the next send to free up.</summary>
/// <param name="Alone">Pushes sent each as its own card, oldest first.</param>
/// <param name="Summaries">Pushes coalesced into summary cards, one list per card, oldest first.</param>
/// <param name="Waiting">Pushes left for later: the budget has no send for them now.</param>
/// <param name="WakeAt">When to plan again for <paramref name="Waiting"/>; null when nothing waits.</param>
public sealed record PushPlan(
    IReadOnlyList<InboxPush> Alone,
    IReadOnlyList<IReadOnlyList<InboxPush>> Summaries,
    IReadOnlyList<InboxPush> Waiting,
    DateTimeOffset? WakeAt)
{
    public static readonly PushPlan Nothing = new([], [], [], null);

    /// <summary>The messages this plan sends now: one per card, alone or summary.</summary>
    public int Sends => Alone.Count + Summaries.Count;
}

/// <summary>
/// How a wave of pushes to one person fits a chat channel's per-person limit (WeCom: 30 messages a minute, beyond
/// which it silently drops them). While the pending pushes fit the sends available now, each goes as its own card with
/// its buttons; once they do not, they coalesce into summary cards ("12 条新升级") of at most
/// <c>perSummary</c> each, so a wave of any size reaches the person within one refill of the budget instead of queueing
/// behind it. Nothing is dropped: a push is either sent (alone or in a summary) or waits for the next free send.
/// </summary>
public static class PushCoalescing
{
    /// <param name="queue">The person's pending pushes in the order they arrived.</param>
    /// <param name="budget">The channel's budget for the person at <paramref name="now"/>.</param>
    /// <param name="perSummary">Most pushes one summary card lists (what its text has room for).</param>
    public static PushPlan Plan(IReadOnlyList<InboxPush> queue, SendBudget budget, DateTimeOffset now, int perSummary)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(perSummary, 2);
        if (queue.Count == 0)
        {
            return PushPlan.Nothing;
        }

        if (budget.Available <= 0)
        {
            return new PushPlan([], [], queue, Later(budget, now));
        }

        if (queue.Count <= budget.Available)
        {
            return new PushPlan(queue, [], [], null);
        }

        // More than the budget sends now: every send carries a summary, as full as its card allows, oldest first.
        var summaries = queue.Chunk(perSummary).Take(budget.Available).Select(c => (IReadOnlyList<InboxPush>)c).ToArray();
        var waiting = queue.Skip(summaries.Sum(s => s.Count)).ToArray();
        return new PushPlan([], summaries, waiting, waiting.Length == 0 ? null : Later(budget, now));
    }

    // All available sends are spent, so the next free one is the earliest moment anything changes.
    private static DateTimeOffset Later(SendBudget budget, DateTimeOffset now) => budget.NextAt > now ? budget.NextAt : now;
}
