using WealthActors.Complaints;
using WealthActors.Permissions;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// Runs a complaint command from the console as the signed-in person: the same commands, fields and access rule as the
/// API (<see cref="ComplaintCommands"/>, <see cref="CallerAccess"/>), refused and audited as <see cref="ConsoleCommand"/> says.
/// </summary>
public sealed class ComplaintActions(IGrainFactory grains, ConsoleCommand console)
{
    public Task<ActionOutcome<ComplaintView>> Run(ConsolePerson person, string complaintId, string command, ComplaintCommandRequest body)
    {
        var v = new RequestValidation().Id(complaintId, "complaintId");
        var run = ComplaintCommands.For(command, body, Actor.Employee(person.EmployeeId, ConsoleSignIn.Door), v)
            ?? throw new ArgumentOutOfRangeException(nameof(command), command, "Not a complaint command.");
        return console.Run(person, $"complaint.{command}", "complaint", complaintId, body, v, async () =>
        {
            var complaint = grains.GetGrain<IComplaintGrain>(complaintId);
            var current = await complaint.GetView();
            await CallerAccess.Require(person.User, new OrgLookup(grains), Access.Write, ComplaintsApi.NotFound(complaintId), current.BranchId, current.Assignee);
            return await run(complaint);
        });
    }
}
