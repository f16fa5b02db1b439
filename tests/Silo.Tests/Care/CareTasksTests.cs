using System.Net;
using Microsoft.Extensions.Time.Testing;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Care;

/// <summary>A care rule's occurrence is a task for the advisor: listed, named by its message, and done with an outcome.</summary>
public sealed class CareTasksTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DormancyOccurrence_IsATask_WhoseCompletionRestartsTheDormancyClock()
    {
        var clock = new FakeTimeProvider(Start);
        await using var api = ApiFactory.WithClock(clock);
        var seed = await CareSeed.Create(api, prefix: "CT");
        await seed.Client("CT1");
        clock.Advance(TimeSpan.FromDays(31));

        await seed.Run("care-dormancy");
        await seed.Run("care-dormancy");

        var message = (await seed.Inbox(seed.Advisor)).Single(m => m.Str("key").StartsWith("care-dormancy:CT1:", StringComparison.Ordinal));
        var taskId = message.Str("taskId");
        var admin = api.As("Admin");
        var open = (await (await admin.GetAsync($"/api/employees/{seed.Advisor}/tasks?status=Open")).Json(HttpStatusCode.OK)).AsArray();
        var task = Assert.Single(open)!;
        Assert.Equal(taskId, task.Str("taskId"));
        Assert.Equal("Care", task.Str("kind"));
        Assert.Equal("CT1", task.Str("clientId"));

        // (The overdue ladder of tasks runs on reminders, which this host keeps on real time: see TaskGrainTests and
        // TaskEscalationRestartTests.)
        clock.Advance(TimeSpan.FromDays(2));
        var advisor = await api.AsPerson(seed.Advisor);
        await (await advisor.PostJson($"/api/tasks/{taskId}/complete", new { outcome = "Called, all well" })).Json(HttpStatusCode.OK);
        var client = await (await admin.GetAsync("/api/clients/CT1")).Json(HttpStatusCode.OK);
        Assert.Equal(clock.GetUtcNow(), client["lastInteractionAt"]!.GetValue<DateTimeOffset>());
        Assert.Empty((await (await admin.GetAsync($"/api/employees/{seed.Advisor}/tasks?status=Open")).Json(HttpStatusCode.OK)).AsArray());

        // Contact was made: the next dormancy warning is 30 days on, not tomorrow.
        clock.Advance(TimeSpan.FromDays(29));
        await seed.Run("care-dormancy");
        Assert.Single(await seed.Keys(seed.Advisor, "care-dormancy"));
    }
}
