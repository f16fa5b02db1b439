using System.Security.Cryptography;
using System.Text;

namespace WealthActors.Tasks;

/// <summary>
/// A task: a piece of work one person owes a client by a due date (key: task id). An overdue task reminds its owner
/// and then reaches the owner's manager, on the SLA engine complaints use, under a policy of kind Task.
/// </summary>
[Alias("WealthActors.ITaskGrain")]
public interface ITaskGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<TaskView> Create(CreateTask command, Actor actor);

    [Alias("GetView"), ReadOnly]
    Task<TaskView> GetView();

    /// <summary>Marks it done with <paramref name="outcome"/>, which is logged on the client as an interaction.</summary>
    [Alias("Complete")]
    Task<TaskView> Complete(Actor actor, string outcome);

    /// <summary>Puts it off until <paramref name="until"/>, its new due date; the overdue ladder starts again from there.</summary>
    [Alias("Snooze")]
    Task<TaskView> Snooze(Actor actor, DateTimeOffset until, string? reason);

    [Alias("Cancel")]
    Task<TaskView> Cancel(Actor actor, string reason);

    /// <summary>
    /// Hands an open or snoozed task of <paramref name="from"/> to <paramref name="to"/> (an advisor handover): recorded
    /// on its timeline with <paramref name="note"/>, and its reminders and escalations still to come reach the new
    /// owner and the new owner's chain. A task already with <paramref name="to"/> is left as it is, so a repeat changes
    /// nothing; one that is done, cancelled or someone else's throws <see cref="InvalidTransitionException"/>.
    /// </summary>
    [Alias("Reassign")]
    Task<TaskView> Reassign(Actor actor, string from, string to, string? note);
}

/// <summary>Task ids, in the complaint ids' format: readable, sortable by day, and unguessable.</summary>
public static class TaskIds
{
    public static string New(DateTimeOffset now) => $"TSK-{now:yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}";

    /// <summary>
    /// The id of the task raised for <paramref name="occurrenceKey"/> (a care occurrence, an outflow alert): the same
    /// occurrence always names the same task, so a rule run again after a crash finds the task it created and creates
    /// no second one.
    /// </summary>
    public static string ForOccurrence(string occurrenceKey) =>
        $"TSK-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(occurrenceKey)))[..20]}";
}
