using WealthActors.Audit;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.WebConsole;

/// <summary>What came of a command from the console: the case after it, or the status and reason the API would answer.</summary>
public sealed record ActionOutcome<TView>(TView? View, int Status, string? Reason)
    where TView : class
{
    public bool Succeeded => View is not null;
}

/// <summary>
/// Runs a command from the console as the signed-in person, as the API would: refused when its fields are invalid
/// (400) or the person's reach or the case's state forbids it (the API's 404 or 409), and an audit entry of door
/// "console" for each, committed before the person sees the outcome. A command that could not be audited is reported
/// as the API's 503, though the change itself stands, as for the API.
/// </summary>
public sealed partial class ConsoleCommand(IAuditTrail audit, ILogger<ConsoleCommand> logger)
{
    public async Task<ActionOutcome<TView>> Run<TView>(
        ConsolePerson person, string action, string targetType, string targetId, object body, RequestValidation v, Func<Task<TView>> attempt)
        where TView : class
    {
        var outcome = v.IsValid ? await Attempt(attempt) : Invalid<TView>(v);
        var record = new AuditRecord(
            AuditChannels.Console, action, outcome.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EmployeeId: person.EmployeeId, Door: ConsoleSignIn.Door, TargetType: targetType, TargetId: targetId,
            Digest: AuditDigests.Of(System.Text.Json.JsonSerializer.Serialize(body)));
        try
        {
            await audit.AppendAsync(record, CancellationToken.None);
        }
        catch (AuditUnavailableException ex)
        {
            // Nothing acknowledged is unaudited: the person is told it could not be recorded, as the API answers 503.
            LogUnaudited(logger, ex, person.EmployeeId, action, targetId);
            var (status, title, _) = ApiProblems.Map(ex);
            return new ActionOutcome<TView>(null, status, title);
        }

        return outcome;
    }

    private static async Task<ActionOutcome<TView>> Attempt<TView>(Func<Task<TView>> attempt)
        where TView : class
    {
        try
        {
            return new ActionOutcome<TView>(await attempt(), StatusCodes.Status200OK, null);
        }
        catch (Exception ex) when (ApiProblems.Map(ex) is { Status: > 0 } problem)
        {
            return new ActionOutcome<TView>(null, problem.Status, problem.Title);
        }
    }

    private static ActionOutcome<TView> Invalid<TView>(RequestValidation v)
        where TView : class =>
        new(null, StatusCodes.Status400BadRequest, string.Join(" ", v.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

    [LoggerMessage(Level = LogLevel.Error, Message = "Console: {Action} of employee {EmployeeId} on {TargetId} could not be audited; not acknowledged")]
    private static partial void LogUnaudited(ILogger logger, Exception exception, string employeeId, string action, string targetId);
}
