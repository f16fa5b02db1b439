using Microsoft.Extensions.Logging;
using WealthActors.Employees;

namespace WealthActors.Grains.Cases;

/// <summary>The log lines of the shared case machinery, one set for every kind of case (the noun tells them apart).</summary>
internal static partial class CaseLog
{
    // Routine commands log at Debug: each is on the case's timeline already.
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Noun} {CaseId}: command by {ActorId}")]
    public static partial void Command(ILogger logger, string noun, string caseId, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Noun} {CaseId}: escalation L{Level} to {Role} {EmployeeId}, {Lateness} after the deadline")]
    public static partial void Escalated(ILogger logger, string noun, string caseId, int level, EmployeeRole role, string employeeId, TimeSpan lateness);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Noun} {CaseId}: SLA event {EventName} due {Due}, {Lateness} late")]
    public static partial void SlaEvent(ILogger logger, string noun, string caseId, string eventName, DateTimeOffset due, TimeSpan lateness);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Noun} {CaseId}: escalation L{Level} has no {Role} to reach")]
    public static partial void NoTarget(ILogger logger, string noun, string caseId, int level, EmployeeRole role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Noun} {CaseId}: moving the deadline reminder later or removing it failed; it ticks early, and that tick changes it again")]
    public static partial void RelaxedArmingFailed(ILogger logger, Exception exception, string noun, string caseId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Noun} {CaseId}: the deadline reminder changed since it was armed; reading it again to remove it")]
    public static partial void StaleReminderHandle(ILogger logger, Exception exception, string noun, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Noun} {CaseId}: delivery of {Key} to {EmployeeId} failed; retried on the next tick")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string noun, string caseId, string key, string employeeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Noun} {CaseId}: clearing the delivered outbox failed; duplicates will be dropped by the recipients")]
    public static partial void OutboxClearFailed(ILogger logger, Exception exception, string noun, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Noun} {CaseId}: could not bring the retry of undelivered messages forward")]
    public static partial void OutboxRetryNotArmed(ILogger logger, Exception exception, string noun, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Noun} {CaseId}: read-model projection failed")]
    public static partial void ProjectionFailed(ILogger logger, Exception exception, string noun, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Noun} {CaseId}: fetching calendar {CalendarId} from the catalog failed")]
    public static partial void CalendarFetchFailed(ILogger logger, Exception exception, string noun, string caseId, string calendarId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Noun} {CaseId}: logging the interaction on client {ClientId} failed")]
    public static partial void InteractionFailed(ILogger logger, Exception exception, string noun, string caseId, string clientId);
}
