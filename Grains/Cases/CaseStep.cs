using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.Complaints;
using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Cases;

/// <summary>
/// How a kind of case speaks when its SLA fires: the words of an event's message (given the event, the assignee at
/// that moment and, for an escalation, the role it goes to) and what its inbox message names besides (its own id field).
/// </summary>
public sealed record CaseVoice(
    string CaseId,
    Func<SlaEvent, string?, (string Chinese, string English)?, MessageText> Words,
    Func<InboxMessage, InboxMessage> Shape);

/// <summary>An SLA event as the step fired it; for an escalation, the role it went to and who holds it (null: nobody).</summary>
public sealed record FiredEvent(SlaEvent Event, EmployeeRole? ToRole = null, string? Target = null);

/// <summary>What firing the due events of a case does, before any of it is applied (<see cref="ApplyTo"/>).</summary>
public sealed record CaseStepOutcome(
    DateTimeOffset At,
    IReadOnlyList<FiredEvent> Fired,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<OutboxEntry> Outbox,
    string? Assignee,
    DateTimeOffset? BreachedAt)
{
    /// <summary>Records the outcome on the case: what fired, its timeline entries, its messages, who has it now.</summary>
    public void ApplyTo(ISlaCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        foreach (var fired in Fired)
        {
            c.Fired.Add(fired.Event.Name);
            if (fired.Event.Kind == SlaEventKind.Escalation)
            {
                c.FiredLevel = Math.Max(c.FiredLevel, fired.Event.Level);
                c.LevelFiredAt[fired.Event.Level] = At;
            }
        }

        c.Timeline.AddRange(Timeline);
        c.Outbox.AddRange(Outbox);
        c.Assignee = Assignee;
        c.BreachedAt = BreachedAt;
    }
}

/// <summary>
/// The SLA step of every kind of case as a pure rule: (case, due events, now) → timeline entries, outbox messages and
/// a reassignment. A warning or breach goes to the assignee (a regulatory one to the branch head too); an escalation
/// to whoever holds the step's role, taking the case over when the step says Reassign, so that what fires after it
/// in the same step goes to the new assignee. Each message's key names its step once per policy version (and round),
/// which is what lets every recipient drop a repeat after a crash. The grain applies the outcome, then persists,
/// re-arms and delivers (<see cref="CaseGrain{TState, TRow}"/>).
/// </summary>
public static class CaseStep
{
    /// <summary>An array, not a collection expression, so the Orleans serializer knows its type.</summary>
    private static readonly string[] InboxOnly = ["inbox"];

    public static CaseStepOutcome Decide(ISlaCase c, IReadOnlyList<SlaEvent> due, DateTimeOffset now, CaseVoice voice)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(voice);
        var fired = new List<FiredEvent>(due.Count);
        var timeline = new List<TimelineEntry>();
        var outbox = new List<OutboxEntry>();
        var assignee = c.Assignee;
        var breachedAt = c.BreachedAt;
        foreach (var e in due)
        {
            if (e.Kind == SlaEventKind.Escalation)
            {
                var step = c.Policy.Escalations[e.Level - 1];
                var target = c.Targets.GetValueOrDefault(step.ToRole);
                fired.Add(new FiredEvent(e, step.ToRole, target));
                timeline.Add(BySla(now, "Escalated", $"L{e.Level} → {step.ToRole} {target ?? "(nobody holds this role)"}"));
                if (target is null)
                {
                    continue;
                }

                var words = voice.Words(e, assignee, ComplaintMessages.RoleName(step.ToRole));
                outbox.Add(Message(c, voice, target, InboxKind.Escalation, $"{e.Level}", words, now));
                if (step.Action == EscalationAction.Reassign)
                {
                    timeline.Add(BySla(now, "Assigned", $"{assignee ?? "-"} → {target} (escalation L{e.Level})"));
                    assignee = target;
                }

                continue;
            }

            fired.Add(new FiredEvent(e));
            timeline.Add(BySla(now, e.Kind.ToString(), $"due {e.Due:O}"));
            if (e.Kind is SlaEventKind.FirstResponseBreach or SlaEventKind.ResolutionBreach or SlaEventKind.RegulatoryBreach)
            {
                breachedAt = breachedAt is { } earlier && earlier <= e.Due ? earlier : e.Due;
            }

            var kind = e.Kind is SlaEventKind.FirstResponseWarning or SlaEventKind.ResolutionWarning or SlaEventKind.RegulatoryWarning
                ? InboxKind.Warning
                : InboxKind.Escalation;
            foreach (var recipient in Recipients(c, e, assignee))
            {
                outbox.Add(Message(c, voice, recipient, kind, e.Name, voice.Words(e, assignee, null), now));
            }
        }

        return new CaseStepOutcome(now, fired, timeline, outbox, assignee, breachedAt);
    }

    /// <summary>The assignee; for the regulator's deadline the branch head as well, who answers for it.</summary>
    private static IEnumerable<string> Recipients(ISlaCase c, SlaEvent e, string? assignee)
    {
        var recipients = new List<string?> { assignee };
        if (e.Kind is SlaEventKind.RegulatoryWarning or SlaEventKind.RegulatoryBreach)
        {
            recipients.Add(c.Targets.GetValueOrDefault(EmployeeRole.BranchHead));
        }

        return recipients.OfType<string>().Distinct(StringComparer.Ordinal);
    }

    private static OutboxEntry Message(ISlaCase c, CaseVoice voice, string employeeId, InboxKind kind, string step, MessageText text, DateTimeOffset now)
    {
        var key = c.KeyRound is { } round
            ? $"{voice.CaseId}:{step}:{c.Policy.Version}:{round}"
            : $"{voice.CaseId}:{step}:{c.Policy.Version}";
        return Entry(c, voice, employeeId, kind, key, text, now);
    }

    /// <summary>An outbox entry of the case under <paramref name="key"/>, the recipient's de-duplication key.</summary>
    public static OutboxEntry Entry(ISlaCase c, CaseVoice voice, string employeeId, InboxKind kind, string key, MessageText text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(voice);
        return new OutboxEntry(employeeId, voice.Shape(new InboxMessage(
            Id: key, Kind: kind, Key: key, ComplaintId: null, ClientId: c.ClientId, Text: text.Chinese, CreatedAt: now,
            DeliveredVia: InboxOnly, EnglishText: text.English)));
    }

    private static TimelineEntry BySla(DateTimeOffset at, string kind, string text) => new(at, kind, "sla", text);
}
