using WealthActors.Grains.Tasks;
using WealthActors.Tasks;

namespace WealthActors.Testing.Contracts;

/// <summary>Tasks in the read model: a person's list by status, soonest due first, the newer projection winning.</summary>
public abstract partial class ReadModelContractTests
{
    private static readonly DateTimeOffset TaskNow = new(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(8));

    private ITaskReadModelWriter TaskWriter => (ITaskReadModelWriter)Writer;

    private ITaskQueries TaskQueries => (ITaskQueries)Queries;

    [Fact]
    public async Task UpsertTask_AllFields_RoundTripInUtc()
    {
        var owner = NewOwner();
        var row = TaskRowOf("TSK-1", owner, TaskNow.AddDays(3).AddTicks(1)) with { Overdue = true, EscalationLevel = 1 };

        await TaskWriter.UpsertTask(row);

        var stored = Assert.Single(await TaskQueries.ListTasks(owner, null, 10));
        Assert.Equal(row with { Due = row.Due.ToUniversalTime(), CreatedAt = row.CreatedAt.ToUniversalTime(), UpdatedAt = row.UpdatedAt.ToUniversalTime() }, stored);
        Assert.Equal(TimeSpan.Zero, stored.Due.Offset);
    }

    [Fact]
    public async Task ListTasks_ByStatus_SoonestDueFirst_OnlyTheOwners()
    {
        var owner = NewOwner();
        await TaskWriter.UpsertTask(TaskRowOf("TSK-late", owner, TaskNow.AddDays(5)));
        await TaskWriter.UpsertTask(TaskRowOf("TSK-soon", owner, TaskNow.AddDays(1)));
        await TaskWriter.UpsertTask(TaskRowOf("TSK-done", owner, TaskNow) with { Status = WorkItemStatus.Done });
        await TaskWriter.UpsertTask(TaskRowOf("TSK-other", NewOwner(), TaskNow));

        Assert.Equal([$"TSK-soon-{owner}", $"TSK-late-{owner}"], (await TaskQueries.ListTasks(owner, WorkItemStatus.Open, 10)).Select(t => t.TaskId));
        Assert.Equal([$"TSK-done-{owner}"], (await TaskQueries.ListTasks(owner, WorkItemStatus.Done, 10)).Select(t => t.TaskId));
        Assert.Equal([$"TSK-done-{owner}", $"TSK-soon-{owner}", $"TSK-late-{owner}"], (await TaskQueries.ListTasks(owner, null, 10)).Select(t => t.TaskId));
        Assert.Single(await TaskQueries.ListTasks(owner, null, 1));
    }

    [Fact]
    public async Task UpsertTask_OlderProjection_IsIgnored()
    {
        var owner = NewOwner();
        var done = TaskRowOf("TSK-x", owner, TaskNow) with { Status = WorkItemStatus.Done, UpdatedAt = TaskNow.AddMinutes(5) };
        await TaskWriter.UpsertTask(done);

        await TaskWriter.UpsertTask(TaskRowOf("TSK-x", owner, TaskNow));

        Assert.Equal(WorkItemStatus.Done, Assert.Single(await TaskQueries.ListTasks(owner, null, 10)).Status);
    }

    [Fact]
    public async Task OpenTasksOfClient_OpenAndSnoozed_OfAnyOwner_SoonestDueFirst()
    {
        var owner = NewOwner();
        var other = NewOwner();
        var client = $"C{owner}";
        await TaskWriter.UpsertTask(TaskRowOf("TSK-late", owner, TaskNow.AddDays(5)) with { ClientId = client });
        await TaskWriter.UpsertTask(TaskRowOf("TSK-snoozed", other, TaskNow.AddDays(2)) with { ClientId = client, Status = WorkItemStatus.Snoozed });
        await TaskWriter.UpsertTask(TaskRowOf("TSK-done", owner, TaskNow) with { ClientId = client, Status = WorkItemStatus.Done });
        await TaskWriter.UpsertTask(TaskRowOf("TSK-cancelled", owner, TaskNow) with { ClientId = client, Status = WorkItemStatus.Cancelled });
        await TaskWriter.UpsertTask(TaskRowOf("TSK-elsewhere", owner, TaskNow));

        var open = await TaskQueries.OpenTasksOfClient(client, 10);

        Assert.Equal([$"TSK-snoozed-{other}", $"TSK-late-{owner}"], open.Select(t => t.TaskId));
        Assert.Single(await TaskQueries.OpenTasksOfClient(client, 1));
    }

    // Task ids are per test too: the PostgreSQL tables outlive a test class.
    private static string NewOwner() => $"E{Guid.NewGuid():N}"[..12];

    private static TaskRow TaskRowOf(string taskId, string owner, DateTimeOffset due) => new(
        $"{taskId}-{owner}", "C000001", "B1", owner, "Follow up 跟进", TaskKinds.FollowUp, WorkItemStatus.Open, due, false, 0, TaskNow, TaskNow);
}
