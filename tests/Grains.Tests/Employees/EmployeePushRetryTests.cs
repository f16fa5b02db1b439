using WealthActors.Employees;
using WealthActors.Grains.Employees;
using WealthActors.Grains.Tests.Infrastructure;

namespace WealthActors.Grains.Tests.Employees;

/// <summary>Chat pushes that a channel lost (as a queue lost with its process) are handed over again until confirmed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EmployeePushRetryTests(ClusterFixture fixture)
{
    private const string Chat = ConfirmingPushChannel.Name;

    private ConfirmingPushChannel Channel => fixture.ConfirmingPushes;

    private static string NewId() => $"{ConfirmingPushChannel.Prefix}{Guid.NewGuid():N}";

    private static InboxMessage Message(string key) =>
        new(key, InboxKind.Escalation, key, "CMP-1", "C1", "text", DateTimeOffset.UnixEpoch, ["inbox"]);

    private async Task<IEmployeeGrain> Employee(string id)
    {
        var employee = fixture.Grains.GetGrain<IEmployeeGrain>(id);
        await employee.Upsert(new EmployeeProfile("陈", EmployeeRole.TeamLead, "B1", null, null, "teams-user"), TestOrg.System);
        return employee;
    }

    /// <summary>Deactivates every idle grain, as a restart would; the next call activates the employee afresh.</summary>
    private async Task Reactivate(IEmployeeGrain employee)
    {
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await employee.GetInbox(1);
    }

    [Fact]
    public async Task Deliver_PushLostWithTheProcess_IsHandedOverOnceMoreAfterReactivation()
    {
        var id = NewId();
        var employee = await Employee(id);
        Channel.Lose(id, true);
        Assert.True(await employee.Deliver(Message("k1")));
        Channel.Lose(id, false);

        await Reactivate(employee);
        await employee.GetInbox(10);

        Assert.Equal([InboxPushReason.Delivered, InboxPushReason.Retry], Channel.For(id).Select(p => p.Reason));
        Assert.Equal("k1", Channel.For(id)[1].Message.Key);
        // Only the channel that owed a confirmation gets the message again.
        Assert.Equal([InboxPushReason.Delivered], fixture.Pushes.For(id).Select(p => p.Reason));
    }

    [Fact]
    public async Task MarkDelivered_AfterARepush_EndsTheRepushes()
    {
        var id = NewId();
        var employee = await Employee(id);
        Channel.Lose(id, true);
        await employee.Deliver(Message("k1"));
        Channel.Lose(id, false);
        await Reactivate(employee);

        Assert.True(await employee.MarkDelivered("k1", Chat));
        await Reactivate(employee);
        await Reactivate(employee);

        Assert.Equal(2, Channel.For(id).Count);
        Assert.Equal(["inbox", Chat], Assert.Single(await employee.GetInbox(10)).DeliveredVia);
    }

    [Fact]
    public async Task Reminder_UnconfirmedPush_IsHandedOverAfterTheBackoffAndNotAfterConfirmation()
    {
        var id = NewId();
        var employee = await Employee(id);
        await employee.Deliver(Message("k1"));
        Assert.Single(Channel.For(id));

        await fixture.Advance(PushRetry.FirstInterval + TimeSpan.FromSeconds(1));
        var pushes = await Eventually.Until(() => Task.FromResult(Channel.For(id)), p => p.Count >= 2, "the re-push on the reminder");

        Assert.Equal(InboxPushReason.Retry, pushes[1].Reason);
        Assert.True(await employee.MarkDelivered("k1", Chat));
        await fixture.Advance(TimeSpan.FromHours(2));
        // The reminder's next tick finds nothing owed and ends the reminder: once it is gone, that tick is over and no
        // later one can come.
        await Eventually.Until(() => fixture.RemindersOf(employee), r => r.Count == 0, "the retry reminder to end itself");
        Assert.Equal(2, Channel.For(id).Count);
    }

    [Fact]
    public async Task Activation_PushNeverConfirmed_StopsAfterMaxAttempts()
    {
        var id = NewId();
        var employee = await Employee(id);
        Channel.Lose(id, true);
        await employee.Deliver(Message("k1"));

        for (var i = 0; i < PushRetry.MaxAttempts + 2; i++)
        {
            await Reactivate(employee);
        }

        Assert.Equal(PushRetry.MaxAttempts, Channel.For(id).Count);
        Assert.Single(await employee.GetInbox(10));
    }

    [Fact]
    public async Task Deliver_ChannelThatDoesNotConfirm_IsNotHandedOverAgain()
    {
        var id = $"E-{Guid.NewGuid():N}";
        var employee = await Employee(id);
        await employee.Deliver(Message("k1"));

        await Reactivate(employee);

        Assert.Empty(Channel.For(id));
        Assert.Equal([InboxPushReason.Delivered], fixture.Pushes.For(id).Select(p => p.Reason));
    }

    [Fact]
    public void NextAttemptAt_EachAttempt_DoublesTheWait()
    {
        var at = DateTimeOffset.UnixEpoch;

        var waits = Enumerable.Range(1, 5)
            .Select(attempts => PushRetry.NextAttemptAt(new PendingPush { Attempts = attempts, LastAttemptAt = at }) - at);

        Assert.Equal([1, 2, 4, 8, 16], waits.Select(w => w / PushRetry.FirstInterval));
        Assert.False(PushRetry.IsExhausted(new PendingPush { Attempts = PushRetry.MaxAttempts - 1 }));
        Assert.True(PushRetry.IsExhausted(new PendingPush { Attempts = PushRetry.MaxAttempts }));
    }

    [Fact]
    public async Task Deliver_BeyondTheRecentLimitWhileAPushIsOwed_KeepsTheOwedMessageUntilConfirmed()
    {
        var id = NewId();
        var employee = await Employee(id);
        Channel.Lose(id, true);
        Assert.True(await employee.Deliver(Message("owed")));
        Channel.Lose(id, false);
        for (var i = 0; i < EmployeeGrain.RecentLimit + 5; i++)
        {
            Channel.Lose(id, true);
            Assert.True(await employee.Deliver(Message($"later-{i:000}")));
            Channel.Lose(id, false);
        }

        var inbox = await employee.GetInbox(EmployeeGrain.OwedLimit);
        Assert.Contains(inbox, m => m.Id == "owed");
        // Still owed, so still confirmable, as before the bound.
        Assert.True(await employee.MarkDelivered("owed", Chat));
    }
}
