using WealthActors.Audit;
using WealthActors.Complaints;
using WealthActors.Permissions;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.WebConsole;

/// <summary>What came of a command from the console: the complaint after it, or the status and reason the API would answer.</summary>
public sealed record ActionOutcome(ComplaintView? View, int Status, string? Reason)
{
    public bool Succeeded => View is not null;
}

/// <summary>
/// Runs a complaint command from the console as the signed-in person: the same commands, fields and access rule as the
/// API (<see cref="ComplaintCommands"/>, <see cref="CallerAccess"/>), the same refusals (a 409 for a command the case's
/// state does not allow), and an audit entry of door "console" for each, committed before the person sees the outcome.
/// </summary>
public sealed partial class ComplaintActions(IGrainFactory grains, IAuditTrail audit, ILogger<ComplaintActions> logger)
{
    public async Task<ActionOutcome> Run(ConsolePerson person, string complaintId, string command, ComplaintCommandRequest body)
    {
        var v = new RequestValidation().Id(complaintId, "complaintId");
        var run = ComplaintCommands.For(command, body, Actor.Employee(person.EmployeeId, ConsoleSignIn.Door), v)
            ?? throw new ArgumentOutOfRangeException(nameof(command), command, "Not a complaint command.");
        var outcome = v.IsValid ? await Attempt(person, complaintId, run) : Invalid(v);
        var record = new AuditRecord(
            AuditChannels.Console, $"complaint.{command}", outcome.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EmployeeId: person.EmployeeId, Door: ConsoleSignIn.Door, TargetType: "complaint", TargetId: complaintId,
            Digest: AuditDigests.Of(System.Text.Json.JsonSerializer.Serialize(body)));
        try
        {
            await audit.AppendAsync(record, CancellationToken.None);
        }
        catch (AuditUnavailableException ex)
        {
            // Nothing acknowledged is unaudited: the person is told it could not be recorded, as the API answers 503.
            LogUnaudited(logger, ex, person.EmployeeId, record.Action, complaintId);
            var (status, title, _) = ApiProblems.Map(ex);
            return new ActionOutcome(null, status, title);
        }

        return outcome;
    }

    private async Task<ActionOutcome> Attempt(ConsolePerson person, string complaintId, Func<IComplaintGrain, Task<ComplaintView>> run)
    {
        try
        {
            var complaint = grains.GetGrain<IComplaintGrain>(complaintId);
            var current = await complaint.GetView();
            await CallerAccess.Require(person.User, new OrgLookup(grains), Access.Write, ComplaintsApi.NotFound(complaintId), current.BranchId, current.Assignee);
            return new ActionOutcome(await run(complaint), StatusCodes.Status200OK, null);
        }
        catch (Exception ex) when (ApiProblems.Map(ex) is { Status: > 0 } problem)
        {
            return new ActionOutcome(null, problem.Status, problem.Title);
        }
    }

    private static ActionOutcome Invalid(RequestValidation v) =>
        new(null, StatusCodes.Status400BadRequest, string.Join(" ", v.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

    [LoggerMessage(Level = LogLevel.Error, Message = "Console: {Action} of employee {EmployeeId} on {ComplaintId} could not be audited; not acknowledged")]
    private static partial void LogUnaudited(ILogger logger, Exception exception, string employeeId, string action, string complaintId);
}
