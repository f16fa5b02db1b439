using WealthActors.Tasks;

namespace WealthActors.Silo.Apis;

/// <summary>
/// The commands on a task by name, with the fields each requires, as every door that takes them runs them (the API's
/// <c>POST /api/tasks/{id}/{command}</c>, the console's buttons): one list, so the doors cannot drift.
/// </summary>
internal static class TaskCommands
{
    public static readonly IReadOnlyList<string> Names = ["complete", "snooze", "cancel"];

    /// <summary>
    /// The grain call of <paramref name="command"/> as <paramref name="actor"/>; null for an unknown command. Missing
    /// or invalid fields are added to <paramref name="v"/>, and the call must then not be made.
    /// </summary>
    public static Func<ITaskGrain, Task<TaskView>>? For(string command, TaskCommandRequest body, Actor actor, RequestValidation v, DateTimeOffset now)
    {
        switch (command)
        {
            case "complete":
                v.Require(body.Outcome, "outcome", 4000);
                return task => task.Complete(actor, body.Outcome!.Trim());
            case "snooze":
                v.Check(body.Until is not null, "until", "is required: the new due date.")
                    .Check(body.Until is null || body.Until > now, "until", "must be in the future.")
                    .Optional(body.Reason, "reason", 1000);
                return task => task.Snooze(actor, body.Until!.Value, body.Reason?.Trim());
            case "cancel":
                v.Require(body.Reason, "reason", 1000);
                return task => task.Cancel(actor, body.Reason!.Trim());
            default:
                return null;
        }
    }
}
