using WealthActors.Sla;

namespace WealthActors.Grains.Sla;

/// <summary>
/// The SLA rules as a pure function: (policy, clock, what already fired, now) → due events and the next deadline.
/// The grain calls it on every command, reminder tick and activation, fires <see cref="SlaEvaluation.Due"/> and
/// arms a reminder for <see cref="SlaEvaluation.NextDeadline"/>.
/// </summary>
public static class SlaEvaluator
{
    public static readonly TimeSpan RegulatoryDeadline = TimeSpan.FromDays(15);
    public static readonly TimeSpan ExtendedRegulatoryDeadline = TimeSpan.FromDays(30);

    /// <summary>
    /// Evaluates the case at <paramref name="now"/>. <paramref name="fired"/> holds <see cref="SlaEvent.Name"/> of the
    /// events already fired; <paramref name="firedLevel"/> the highest escalation level already fired. Levels only
    /// rise: a level at or below it is never due again, even under another policy (version).
    /// </summary>
    public static SlaEvaluation Evaluate(
        SlaPolicy policy,
        SlaClock clock,
        IReadOnlySet<string> fired,
        int firedLevel,
        DateTimeOffset now,
        IBusinessCalendar calendar) =>
        Evaluate(policy, clock, fired, firedLevel, now, calendar, regulatory: true);

    /// <summary>
    /// As above; <paramref name="regulatory"/> says whether the case runs under the regulator's complaint deadline
    /// (complaints do; tasks and service requests do not, and then no regulatory event is ever due and the regulatory
    /// deadline plays no part in the state).
    /// </summary>
    public static SlaEvaluation Evaluate(
        SlaPolicy policy,
        SlaClock clock,
        IReadOnlySet<string> fired,
        int firedLevel,
        DateTimeOffset now,
        IBusinessCalendar calendar,
        bool regulatory)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(fired);
        ArgumentNullException.ThrowIfNull(calendar);

        var open = !clock.IsResolved;
        var awaitingResponse = open && !clock.HasResponded;

        var firstResponseDue = awaitingResponse ? clock.ReachedAt(policy.FirstResponse, calendar) : null;
        var firstResponseWarning = awaitingResponse ? clock.ReachedAt(WarningPoint(policy.FirstResponse, policy.WarnAt), calendar) : null;
        var resolutionDue = open ? clock.ReachedAt(policy.Resolution, calendar) : null;
        var resolutionWarning = open ? clock.ReachedAt(WarningPoint(policy.Resolution, policy.WarnAt), calendar) : null;
        var escalationDue = policy.Escalations.Select(step => clock.ReachedAt(step.After, calendar)).ToArray();

        // The regulatory clock counts calendar time from receipt whatever the policy's clock, and pauses never stop it.
        var regulatoryLimit = clock.RegulatoryExtended ? ExtendedRegulatoryDeadline : RegulatoryDeadline;
        var regulatoryDue = regulatory ? clock.ReceivedAt + regulatoryLimit : DateTimeOffset.MaxValue;
        var regulatoryWarning = regulatory ? clock.ReceivedAt + WarningPoint(regulatoryLimit, policy.WarnAt) : DateTimeOffset.MaxValue;

        var pending = new List<SlaEvent>();
        if (awaitingResponse)
        {
            Add(pending, SlaEventKind.FirstResponseWarning, 0, firstResponseWarning);
            Add(pending, SlaEventKind.FirstResponseBreach, 0, firstResponseDue);
        }

        if (open)
        {
            Add(pending, SlaEventKind.ResolutionWarning, 0, resolutionWarning);
            Add(pending, SlaEventKind.ResolutionBreach, 0, resolutionDue);

            // Acknowledging does not stop the ladder: an unresolved case keeps climbing.
            for (var level = 1; level <= escalationDue.Length; level++)
            {
                Add(pending, SlaEventKind.Escalation, level, escalationDue[level - 1]);
            }

            if (regulatory)
            {
                pending.Add(new SlaEvent(SlaEventKind.RegulatoryWarning, 0, regulatoryWarning) { Extended = clock.RegulatoryExtended });
                pending.Add(new SlaEvent(SlaEventKind.RegulatoryBreach, 0, regulatoryDue) { Extended = clock.RegulatoryExtended });
            }
        }

        var unfired = pending
            .Where(e => !fired.Contains(e.Name) && !(e.Kind == SlaEventKind.Escalation && e.Level <= firedLevel))
            .ToList();

        // "<=": an event is due exactly at its deadline, so the next deadline is always strictly in the future.
        var due = unfired
            .Where(e => e.Due <= now)
            .OrderBy(e => e.Due)
            .ThenBy(e => e.Level)
            .ThenBy(e => e.Kind)
            .ToList();
        var next = unfired.Where(e => e.Due > now).Select(e => (DateTimeOffset?)e.Due).Min();

        var state = StateOf(policy, clock, now, calendar, firstResponseWarning, firstResponseDue, resolutionWarning, resolutionDue, regulatoryWarning, regulatoryDue);

        return new SlaEvaluation(state, due, next, firstResponseDue, resolutionDue, regulatoryDue, escalationDue);
    }

    /// <summary>When the warning for <paramref name="target"/> is due, as clock time.</summary>
    public static TimeSpan WarningPoint(TimeSpan target, double warnAt) => target * warnAt;

    /// <summary>
    /// Whether the first response came in time; null until there is one. The boundary is the breach event's: meeting
    /// the target needs strictly less clock time than it.
    /// </summary>
    public static bool? FirstResponseMet(SlaPolicy policy, SlaClock clock, IBusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(clock);
        return clock.ElapsedAtResponse(calendar) is { } elapsed ? elapsed < policy.FirstResponse : null;
    }

    private static SlaState StateOf(
        SlaPolicy policy,
        SlaClock clock,
        DateTimeOffset now,
        IBusinessCalendar calendar,
        DateTimeOffset? firstResponseWarning,
        DateTimeOffset? firstResponseDue,
        DateTimeOffset? resolutionWarning,
        DateTimeOffset? resolutionDue,
        DateTimeOffset regulatoryWarning,
        DateTimeOffset regulatoryDue)
    {
        // A target is missed once its deadline instant is reached (the breach event is due then), so meeting it needs
        // strictly less clock time than the target — the same boundary the events use.
        if (clock.ResolvedAt is { } resolvedAt)
        {
            return clock.Credited < policy.Resolution && resolvedAt < regulatoryDue ? SlaState.Met : SlaState.Breached;
        }

        if (clock.IsPaused)
        {
            return SlaState.Paused;
        }

        var firstResponseMissed = clock.HasResponded
            ? FirstResponseMet(policy, clock, calendar) == false
            : firstResponseDue <= now;
        if (firstResponseMissed || resolutionDue <= now || regulatoryDue <= now)
        {
            return SlaState.Breached;
        }

        return firstResponseWarning <= now || resolutionWarning <= now || regulatoryWarning <= now
            ? SlaState.AtRisk
            : SlaState.OnTrack;
    }

    private static void Add(List<SlaEvent> pending, SlaEventKind kind, int level, DateTimeOffset? due)
    {
        // No instant means the clock is stopped short of this target, so it cannot come due.
        if (due is { } instant)
        {
            pending.Add(new SlaEvent(kind, level, instant));
        }
    }
}
