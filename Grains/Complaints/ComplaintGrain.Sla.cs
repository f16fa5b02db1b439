using Microsoft.Extensions.Logging;
using WealthActors.Employees;
using WealthActors.Grains.Diagnostics;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.Sla;
using WealthActors.ReadModel;

namespace WealthActors.Grains.Complaints;

public sealed partial class ComplaintGrain
{
    private enum CommitCause { Command, Tick, Activation }

    private const string DeadlineReminder = "sla-deadline";
    private static readonly TimeSpan MinimumDueTime = TimeSpan.FromSeconds(1);

    /// <summary>An array, not a collection expression, so the Orleans serializer knows its type.</summary>
    private static readonly string[] InboxOnly = ["inbox"];

    /// <summary>The deadline reminder as this activation last registered it (null after activation or removal).</summary>
    private IGrainReminder? _reminder;

    /// <summary>The latest change of the deadline reminder, which the next one waits for (see <see cref="InSequence"/>).</summary>
    private Task _reminderChanges = Task.CompletedTask;

    /// <summary>The timer that fires a deadline nearer than one reminder retry period (see <see cref="SharpenNearDeadline"/>).</summary>
    private IGrainTimer? _nearDeadline;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder)
        {
            return;
        }

        if (!S.Opened)
        {
            await InSequence(Disarm);
            return;
        }

        // The reminder has fired, so Orleans now runs it on its retry period: register the next deadline afresh.
        await Commit(clock.GetUtcNow(), CommitCause.Tick);
    }

    /// <summary>
    /// One evaluation used by commands, reminder ticks and activation: fire due events, then persist (events and their
    /// outbox entries in one write), re-arm, deliver and publish. Duplicate ticks find nothing due and change nothing.
    /// </summary>
    private async Task Commit(DateTimeOffset now, CommitCause cause)
    {
        var evaluation = Evaluate(now);
        var changed = cause == CommitCause.Command || evaluation.Due.Count > 0;
        ComplaintRow? row = null;
        var published = false;
        var armingAfterWrite = Task.CompletedTask;
        try
        {
            foreach (var due in evaluation.Due)
            {
                Fire(due, now);
            }

            if (evaluation.Due.Count > 0)
            {
                evaluation = Evaluate(now);
            }

            // A reminder that fires earlier than the stored state needs only causes a harmless tick; one that fires
            // later misses a deadline. So a change that brings the reminder forward (a first or a nearer deadline) is
            // made before the state is written, and the caller waits for it; one that relaxes it (a later deadline, or
            // none) is made after the write, and a command answers without waiting for it.
            var next = evaluation.NextDeadline;
            var force = cause == CommitCause.Tick;
            var relaxes = Relaxes(next, now);
            var armed = S.ArmedDeadline;
            if (!relaxes)
            {
                await Arm(next, force);
            }

            row = changed ? Row(evaluation, now) : null;
            if (changed || armed != S.ArmedDeadline)
            {
                published = await Write(row);
            }

            if (relaxes)
            {
                armingAfterWrite = ArmAfterWrite(next, force);
            }

            SharpenNearDeadline(next, now);
        }
        catch
        {
            // The in-memory state may be ahead of storage: reload from storage on the next call.
            DeactivateOnIdle();
            throw;
        }

        await DeliverOutbox();
        if (row is not null && !published)
        {
            await Project(row);
        }

        await ArchiveTimeline();

        // Nobody waits on a tick or an activation: they finish the change, so what the grain runs next finds the next
        // deadline armed.
        if (cause != CommitCause.Command)
        {
            await armingAfterWrite;
        }
    }

    /// <summary>
    /// Whether arming <paramref name="next"/> only relaxes the reminder: the deadline goes away or moves later, or the
    /// armed one has come, and its reminder ticks on its retry period until it is registered again.
    /// </summary>
    private bool Relaxes(DateTimeOffset? next, DateTimeOffset now) =>
        next is null || S.ArmedDeadline is { } armed && (armed <= now || next >= armed);

    /// <summary>Writes the state, with its read-model row when it changed; true when storage committed the row too.</summary>
    private async Task<bool> Write(ComplaintRow? projection)
    {
        S.Revision++;
        if (projection is null)
        {
            await state.WriteStateAsync();
            return false;
        }

        return await state.WriteStateWith(projection);
    }

    private SlaEvaluation Evaluate(DateTimeOffset now) =>
        SlaEvaluator.Evaluate(S.Policy, S.Clock, S.Fired, S.FiredLevel, now, Calendar);

    private void Fire(SlaEvent e, DateTimeOffset now)
    {
        S.Fired.Add(e.Name);
        if (e.Kind == SlaEventKind.Escalation)
        {
            FireEscalation(e, now);
            return;
        }

        AddTimeline(now, e.Kind.ToString(), "sla", $"due {e.Due:O}");
        if (e.Kind is SlaEventKind.FirstResponseBreach or SlaEventKind.ResolutionBreach or SlaEventKind.RegulatoryBreach)
        {
            S.BreachedAt = S.BreachedAt is { } earlier && earlier <= e.Due ? earlier : e.Due;
        }

        var kind = e.Kind is SlaEventKind.FirstResponseWarning or SlaEventKind.ResolutionWarning or SlaEventKind.RegulatoryWarning
            ? InboxKind.Warning
            : InboxKind.Escalation;
        var recipients = new List<string?> { S.Assignee };
        if (e.Kind is SlaEventKind.RegulatoryWarning or SlaEventKind.RegulatoryBreach)
        {
            recipients.Add(S.Targets.GetValueOrDefault(EmployeeRole.BranchHead));
        }

        foreach (var recipient in recipients.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            Enqueue(recipient, kind, $"{ComplaintId}:{e.Name}:{S.Policy.Version}", ComplaintMessages.For(e, S, ComplaintId, null), now);
        }

        LogSlaEvent(logger, ComplaintId, e.Name, e.Due, now - e.Due);
    }

    private void FireEscalation(SlaEvent e, DateTimeOffset now)
    {
        S.FiredLevel = Math.Max(S.FiredLevel, e.Level);
        S.LevelFiredAt[e.Level] = now;
        WealthActorsMetrics.EscalationFired(e.Level, now - e.Due);
        var step = S.Policy.Escalations[e.Level - 1];
        var target = S.Targets.GetValueOrDefault(step.ToRole);
        AddTimeline(now, "Escalated", "sla", $"L{e.Level} → {step.ToRole} {target ?? "(nobody holds this role)"}");
        if (target is null)
        {
            LogNoTarget(logger, ComplaintId, e.Level, step.ToRole);
            return;
        }

        // The de-duplication key names the step exactly once per policy version (docs/ARCHITECTURE.md §4.6).
        var key = $"{ComplaintId}:{e.Level}:{S.Policy.Version}";
        Enqueue(target, InboxKind.Escalation, key, ComplaintMessages.For(e, S, ComplaintId, ComplaintMessages.RoleName(step.ToRole)), now);
        if (step.Action == WealthActors.Sla.EscalationAction.Reassign)
        {
            AddTimeline(now, "Assigned", "sla", $"{S.Assignee ?? "-"} → {target} (escalation L{e.Level})");
            S.Assignee = target;
        }

        LogEscalated(logger, ComplaintId, e.Level, step.ToRole, target, now - e.Due);
    }

    private void Enqueue(string employeeId, InboxKind kind, string key, MessageText text, DateTimeOffset now) =>
        S.Outbox.Add(new OutboxEntry(employeeId, new InboxMessage(
            Id: key, Kind: kind, Key: key, ComplaintId: ComplaintId, ClientId: S.ClientId, Text: text.Chinese, CreatedAt: now,
            DeliveredVia: InboxOnly, EnglishText: text.English)));

    /// <summary>
    /// Registers the reminder for <paramref name="next"/> (or removes it), unless it is armed already and not
    /// <paramref name="force"/>d. The deadline is marked armed (or unarmed) at once, so a state write started meanwhile
    /// records it.
    /// </summary>
    private Task Arm(DateTimeOffset? next, bool force)
    {
        if (next == S.ArmedDeadline && !force)
        {
            return Task.CompletedTask;
        }

        S.ArmedDeadline = next;
        return next is { } deadline ? InSequence(() => Register(deadline)) : InSequence(Disarm);
    }

    /// <summary>A relaxing change, which never throws: if it fails, the earlier reminder still ticks and moves it then.</summary>
    private async Task ArmAfterWrite(DateTimeOffset? next, bool force)
    {
        try
        {
            await Arm(next, force);
        }
        catch (Exception ex)
        {
            LogRelaxedArmingFailed(logger, ex, ComplaintId);
        }
    }

    /// <summary>
    /// Runs one change of the deadline reminder after the ones before it: two registrations (or a removal and a
    /// registration) of one reminder in flight at once could land in either order.
    /// </summary>
    private Task InSequence(Func<Task> change)
    {
        var before = _reminderChanges;
        return _reminderChanges = After(before, change);

        static async Task After(Task before, Func<Task> change)
        {
            await before.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            await change();
        }
    }

    /// <summary>
    /// A reminder registered again during its own tick keeps the schedule of its retry period for the next tick, so a
    /// deadline nearer than one retry period would fire up to that period late. While the grain is active a one-shot
    /// grain timer fires such a deadline on time; the reminder stays the durable backstop, and its tick after the timer
    /// finds nothing due.
    /// </summary>
    private void SharpenNearDeadline(DateTimeOffset? next, DateTimeOffset now)
    {
        _nearDeadline?.Dispose();
        _nearDeadline = null;
        if (next is not { } deadline || deadline - now >= slaOptions.Value.ReminderRetryPeriod)
        {
            return;
        }

        var dueTime = deadline > now ? deadline - now : TimeSpan.Zero;
        _nearDeadline = this.RegisterGrainTimer(
            static (grain, _) => grain.OnNearDeadline(), this, new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan));
    }

    private Task OnNearDeadline()
    {
        _nearDeadline = null;
        return S.Opened ? Commit(clock.GetUtcNow(), CommitCause.Tick) : Task.CompletedTask;
    }

    private async Task Register(DateTimeOffset next)
    {
        var dueTime = next - clock.GetUtcNow();
        _reminder = await this.RegisterOrUpdateReminder(DeadlineReminder, dueTime < MinimumDueTime ? MinimumDueTime : dueTime, slaOptions.Value.ReminderRetryPeriod);
    }

    private async Task Disarm()
    {
        // The handle from this activation's last registration saves a read of the reminder table; a stale one (the
        // row changed behind this activation) is refused by its version, and the row is then read afresh.
        if (_reminder is { } known)
        {
            _reminder = null;
            try
            {
                await this.UnregisterReminder(known);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStaleReminderHandle(logger, ex, ComplaintId);
            }
        }

        if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    // Routine commands log at Debug: each is on the complaint's timeline already, and at thousands a second a line
    // each would bury the escalations and SLA events an operator reads the log for (and cost the silo 2 % of its CPU).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Complaint {ComplaintId} opened for client {ClientId} under policy {PolicyId} v{PolicyVersion}")]
    private static partial void LogOpened(ILogger logger, string complaintId, string clientId, string policyId, int policyVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Complaint {ComplaintId} is now {Status} (by {ActorId})")]
    private static partial void LogCommand(ILogger logger, string complaintId, ComplaintStatus status, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Complaint {ComplaintId}: escalation L{Level} to {Role} {EmployeeId}, {Lateness} after the deadline")]
    private static partial void LogEscalated(ILogger logger, string complaintId, int level, EmployeeRole role, string employeeId, TimeSpan lateness);

    [LoggerMessage(Level = LogLevel.Information, Message = "Complaint {ComplaintId}: SLA event {EventName} due {Due}, {Lateness} late")]
    private static partial void LogSlaEvent(ILogger logger, string complaintId, string eventName, DateTimeOffset due, TimeSpan lateness);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {ComplaintId}: moving the deadline reminder later or removing it failed; it ticks early, and that tick changes it again")]
    private static partial void LogRelaxedArmingFailed(ILogger logger, Exception exception, string complaintId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Complaint {ComplaintId}: the deadline reminder changed since it was armed; reading it again to remove it")]
    private static partial void LogStaleReminderHandle(ILogger logger, Exception exception, string complaintId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {ComplaintId}: escalation L{Level} has no {Role} to reach")]
    private static partial void LogNoTarget(ILogger logger, string complaintId, int level, EmployeeRole role);
}
