using WealthActors.Calendars;

namespace WealthActors.Complaints;

/// <summary>
/// A client complaint (key: complaint id). It runs its own SLA clock and escalation ladder and fires at each deadline
/// through a durable reminder. Every command that is not allowed in the current state throws
/// <see cref="InvalidTransitionException"/> and changes nothing.
/// </summary>
[Alias("WealthActors.IComplaintGrain")]
public interface IComplaintGrain : IGrainWithStringKey
{
    [Alias("Open")]
    Task<ComplaintView> Open(OpenComplaint command, Actor actor);

    [Alias("GetView"), ReadOnly]
    Task<ComplaintView> GetView();

    [Alias("Acknowledge")]
    Task<ComplaintView> Acknowledge(Actor actor, string? text);

    [Alias("AddNote")]
    Task<ComplaintView> AddNote(Actor actor, string text);

    /// <summary>Stops the SLA clock while waiting for the client; the regulatory clock keeps running.</summary>
    [Alias("Pause")]
    Task<ComplaintView> Pause(Actor actor, string reason);

    [Alias("Resume")]
    Task<ComplaintView> Resume(Actor actor, string? text);

    [Alias("Assign")]
    Task<ComplaintView> Assign(Actor actor, string employeeId, string? text);

    [Alias("Resolve")]
    Task<ComplaintView> Resolve(Actor actor, string text);

    [Alias("Reopen")]
    Task<ComplaintView> Reopen(Actor actor, string reason);

    /// <summary>Changes the severity; the policy is matched again and the next deadline re-armed.</summary>
    [Alias("ChangeSeverity")]
    Task<ComplaintView> ChangeSeverity(Actor actor, Severity severity, string? reason);

    /// <summary>
    /// Tells the case that <paramref name="calendar"/> changed: when its clock counts in that calendar it re-evaluates and
    /// re-arms its next deadline in this call. Idempotent; an older version than the one known changes nothing.
    /// </summary>
    [Alias("CalendarChanged")]
    Task CalendarChanged(BusinessCalendarDefinition calendar);

    /// <summary>Extends the regulatory decision deadline once, from 15 to 30 days after receipt, with a recorded reason.</summary>
    [Alias("ExtendRegulatoryDeadline")]
    Task<ComplaintView> ExtendRegulatoryDeadline(Actor actor, string reason);

    /// <summary>
    /// Records on the timeline what became of a message to the client about this case (sent, refused, not sent and
    /// why); the same update key twice is recorded once. Allowed in every status: a resolution is told after it.
    /// </summary>
    [Alias("RecordClientUpdate")]
    Task RecordClientUpdate(WealthActors.Notifications.ClientUpdateOutcome outcome);
}
