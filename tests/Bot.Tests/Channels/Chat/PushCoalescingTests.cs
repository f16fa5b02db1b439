using WealthActors.Bot.Channels.Chat;
using WealthActors.Employees;

namespace WealthActors.Bot.Tests.Channels.Chat;

/// <summary>The rule that turns a person's pending pushes and their channel budget into what to send now.</summary>
public sealed class PushCoalescingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static InboxPush[] Queue(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var key = $"CMP-{i:000}:1:1";
            var message = new InboxMessage(key, InboxKind.Escalation, key, $"CMP-{i:000}", "C1", "升级", Now.AddSeconds(-count + i), ["inbox"]);
            return new InboxPush("E1", null, message, InboxPushReason.Delivered);
        })];

    private static SendBudget Budget(int available, double nextInSeconds = 0) => new(available, Now.AddSeconds(nextInSeconds));

    [Fact]
    public void Plan_NothingPending_SendsNothing()
    {
        var plan = PushCoalescing.Plan([], Budget(30), Now, perSummary: 15);

        Assert.Equal(0, plan.Sends);
        Assert.Empty(plan.Waiting);
        Assert.Null(plan.WakeAt);
    }

    [Fact]
    public void Plan_WithinTheBudget_SendsEachAloneInOrder()
    {
        var queue = Queue(3);

        var plan = PushCoalescing.Plan(queue, Budget(3), Now, perSummary: 15);

        Assert.Equal(queue, plan.Alone);
        Assert.Empty(plan.Summaries);
        Assert.Empty(plan.Waiting);
        Assert.Equal(3, plan.Sends);
    }

    [Fact]
    public void Plan_OneMoreThanTheBudget_CoalescesAllIntoOneSummary()
    {
        var queue = Queue(4);

        var plan = PushCoalescing.Plan(queue, Budget(3), Now, perSummary: 15);

        Assert.Empty(plan.Alone);
        Assert.Equal(queue, Assert.Single(plan.Summaries));
        Assert.Empty(plan.Waiting);
        Assert.Equal(1, plan.Sends);
        Assert.Null(plan.WakeAt);
    }

    [Fact]
    public void Plan_AWaveLargerThanOneSummary_SplitsItOldestFirstIntoFullCards()
    {
        var queue = Queue(100);

        var plan = PushCoalescing.Plan(queue, Budget(10), Now, perSummary: 15);

        Assert.Equal([15, 15, 15, 15, 15, 15, 10], plan.Summaries.Select(s => s.Count));
        Assert.Equal(queue, plan.Summaries.SelectMany(s => s));
        Assert.Empty(plan.Waiting);
        Assert.Equal(7, plan.Sends);
    }

    [Fact]
    public void Plan_MoreSummariesThanSends_SendsTheOldestAndKeepsTheRestForTheNextSend()
    {
        var queue = Queue(50);

        var plan = PushCoalescing.Plan(queue, Budget(2), Now, perSummary: 15);

        Assert.Equal(queue.Take(30), plan.Summaries.SelectMany(s => s));
        Assert.Equal(queue.Skip(30), plan.Waiting);
        Assert.Equal(2, plan.Sends);
        Assert.NotNull(plan.WakeAt);
    }

    [Fact]
    public void Plan_NoSendLeft_WaitsForTheNextOneWithoutDroppingAny()
    {
        var queue = Queue(5);

        var plan = PushCoalescing.Plan(queue, Budget(0, nextInSeconds: 3), Now, perSummary: 15);

        Assert.Equal(0, plan.Sends);
        Assert.Equal(queue, plan.Waiting);
        Assert.Equal(Now.AddSeconds(3), plan.WakeAt);
    }

    [Fact]
    public void Plan_EveryPushIsSentOrWaitsExactlyOnce()
    {
        foreach (var (count, available) in new[] { (1, 1), (7, 3), (31, 30), (200, 4), (16, 1), (15, 1), (40, 0) })
        {
            var queue = Queue(count);

            var plan = PushCoalescing.Plan(queue, Budget(available, 2), Now, perSummary: 15);

            var accounted = plan.Alone.Concat(plan.Summaries.SelectMany(s => s)).Concat(plan.Waiting).ToArray();
            Assert.Equal(queue, accounted);
            Assert.True(plan.Sends <= available, $"{count} pending, {available} sends: planned {plan.Sends}");
            Assert.All(plan.Summaries, s => Assert.InRange(s.Count, 1, 15));
        }
    }
}
