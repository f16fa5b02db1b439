using WealthActors.Permissions;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Auth;
using WealthActors.Tasks;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// Runs a task command from the console as the signed-in person: the same commands, fields and access rule as the API
/// (<see cref="TaskCommands"/>, <see cref="CallerAccess"/>), refused and audited as <see cref="ConsoleCommand"/> says.
/// </summary>
public sealed class TaskActions(IGrainFactory grains, ConsoleCommand console, TimeProvider clock)
{
    public Task<ActionOutcome<TaskView>> Run(ConsolePerson person, string taskId, string command, TaskCommandRequest body)
    {
        var v = new RequestValidation().Id(taskId, "taskId");
        var run = TaskCommands.For(command, body, Actor.Employee(person.EmployeeId, ConsoleSignIn.Door), v, clock.GetUtcNow())
            ?? throw new ArgumentOutOfRangeException(nameof(command), command, "Not a task command.");
        return console.Run(person, $"task.{command}", "task", taskId, body, v, async () =>
        {
            var task = grains.GetGrain<ITaskGrain>(taskId);
            var current = await task.GetView();
            await CallerAccess.Require(person.User, new OrgLookup(grains), Access.Write, TasksApi.NotFound(taskId), current.BranchId, current.Owner);
            return await run(task);
        });
    }
}
