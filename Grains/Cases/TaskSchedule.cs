using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Cases;

/// <summary>
/// How a task runs on the SLA engine, as a pure rule. A task has its own due date, so the policy of its kind is read
/// relative to it: the resolution target is the due date (its warning is "due soon", its breach "overdue", both to the
/// owner), and each rung of the ladder counts from the due date (a rung after 1 day reaches the owner's manager a day
/// after the task fell overdue). There is no first response: the clock starts answered. Without a due date the task
/// gets the policy's resolution target from its start.
/// </summary>
public static class TaskSchedule
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    /// <summary>The due date of a task started at <paramref name="start"/> with <paramref name="due"/> (null: the policy's).</summary>
    public static DateTimeOffset DueOf(SlaPolicy policy, DateTimeOffset start, DateTimeOffset? due, IBusinessCalendar calendar) =>
        due ?? calendar.AddWorkingTime(start, policy.Resolution);

    /// <summary>The policy snapshot the task's clock runs under, from <paramref name="start"/> to <paramref name="due"/>.</summary>
    public static SlaPolicy Effective(SlaPolicy policy, DateTimeOffset start, DateTimeOffset due, IBusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendar);

        // A due date already passed (or this instant) is overdue at once: the shortest target the engine counts.
        var untilDue = calendar.WorkingTimeBetween(start, due);
        if (untilDue < Shortest)
        {
            untilDue = Shortest;
        }

        return policy with
        {
            FirstResponse = untilDue,
            Resolution = untilDue,
            Escalations = policy.Escalations.Select(step => step with { After = untilDue + step.After }).ToArray(),
        };
    }

    /// <summary>A task's clock: started at <paramref name="start"/> and answered at once (a task has no first response).</summary>
    public static SlaClock Start(DateTimeOffset start) => SlaClock.Start(start).Respond(start);
}
