using WealthActors.Employees;
using WealthActors.Grains.Diagnostics;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.Sla;
using WealthActors.ReadModel;

namespace WealthActors.Grains.Cases;

public abstract partial class CaseGrain<TState, TRow>
{
    protected enum CommitCause { Command, Tick, Activation }

    private const string DeadlineReminder = "sla-deadline";
    private static readonly TimeSpan MinimumDueTime = TimeSpan.FromSeconds(1);

    /// <summary>The deadline reminder as this activation last registered it (null after activation or removal).</summary>
    private IGrainReminder? _reminder;

    /// <summary>The latest change of the deadline reminder, which the next one waits for (see <see cref="InSequence"/>).</summary>
    private Task _reminderChanges = Task.CompletedTask;

    /// <summary>The timer that fires a deadline nearer than one reminder retry period (see <see cref="SharpenNearDeadline"/>).</summary>
    private IGrainTimer? _nearDeadline;

    private CaseVoice? _voice;

    /// <summary>Whether the regulator's complaint deadline applies (it does not to tasks and service requests).</summary>
    protected virtual bool Regulatory => false;

    /// <summary>
    /// The words of the message an SLA event sends, given who has the case at that moment; <paramref name="toRole"/> is
    /// set for an escalation.
    /// </summary>
    protected abstract MessageText Message(SlaEvent e, string? assignee, (string Chinese, string English)? toRole);

    /// <summary>What a kind of case does on an event beyond the shared recording and messages (a snoozed task reopens).</summary>
    protected virtual void OnFired(SlaEvent e, DateTimeOffset now)
    {
    }

    /// <summary>The case's read-model row after a change; storage commits it with the state where it can.</summary>
    protected abstract TRow Row(SlaEvaluation evaluation, DateTimeOffset now);

    /// <summary>Publishes a row storage did not commit with the state.</summary>
    protected abstract Task Publish(TRow row);

    /// <summary>What a kind of case does once a commit is done (a complaint moves old timeline events to the history).</summary>
    protected virtual Task AfterCommit() => Task.CompletedTask;

    /// <summary>The inbox message as the kind of case sends it (it names itself on it, for the buttons of its card).</summary>
    protected virtual InboxMessage Shape(InboxMessage message) => message;

    private CaseVoice Voice => _voice ??= new CaseVoice(CaseId, Message, Shape);

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
        await Commit(Clock.GetUtcNow(), CommitCause.Tick);
    }

    protected SlaEvaluation Evaluate(DateTimeOffset now) =>
        SlaEvaluator.Evaluate(S.Policy, S.Clock, S.Fired, S.FiredLevel, now, Calendar, Regulatory);

    /// <summary>
    /// One evaluation used by commands, reminder ticks and activation: fire due events, then persist (events and their
    /// outbox entries in one write), re-arm, deliver and publish. Duplicate ticks find nothing due and change nothing.
    /// </summary>
    protected async Task Commit(DateTimeOffset now, CommitCause cause)
    {
        var evaluation = Evaluate(now);
        var changed = cause == CommitCause.Command || evaluation.Due.Count > 0;
        TRow? row = null;
        var published = false;
        var armingAfterWrite = Task.CompletedTask;
        try
        {
            if (evaluation.Due.Count > 0)
            {
                Fire(CaseStep.Decide(S, evaluation.Due, now, Voice));
                evaluation = Evaluate(now);
            }

            // The ordering rule of the whole pipeline. A reminder that fires earlier than the stored state needs only
            // causes a harmless tick; one that fires later misses a deadline. So a change that brings the reminder
            // forward (a first or a nearer deadline) is made before the state is written, and the caller waits for
            // it; one that relaxes it (a later deadline, or none) is made after the write, and a command answers
            // without waiting for it.
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
            await PublishLogged(row);
        }

        await AfterCommit();

        // Nobody waits on a tick or an activation: they finish the change, so what the grain runs next finds the next
        // deadline armed.
        if (cause != CommitCause.Command)
        {
            await armingAfterWrite;
        }
    }

    /// <summary>Applies a step's outcome, then says what happened in metrics and the log, and lets the kind of case act.</summary>
    private void Fire(CaseStepOutcome outcome)
    {
        outcome.ApplyTo(S);
        foreach (var fired in outcome.Fired)
        {
            var e = fired.Event;
            var lateness = outcome.At - e.Due;
            if (e.Kind != SlaEventKind.Escalation)
            {
                CaseLog.SlaEvent(Logger, Noun, CaseId, e.Name, e.Due, lateness);
            }
            else
            {
                WealthActorsMetrics.EscalationFired(e.Level, lateness);
                if (fired.Target is { } target)
                {
                    CaseLog.Escalated(Logger, Noun, CaseId, e.Level, fired.ToRole!.Value, target, lateness);
                }
                else
                {
                    CaseLog.NoTarget(Logger, Noun, CaseId, e.Level, fired.ToRole!.Value);
                }
            }

            OnFired(e, outcome.At);
        }
    }

    /// <summary>
    /// Whether arming <paramref name="next"/> only relaxes the reminder: the deadline goes away or moves later, or the
    /// armed one has come, and its reminder ticks on its retry period until it is registered again.
    /// </summary>
    private bool Relaxes(DateTimeOffset? next, DateTimeOffset now) =>
        next is null || S.ArmedDeadline is { } armed && (armed <= now || next >= armed);

    /// <summary>
    /// Writes the state; a state that takes its row along (<see cref="IProjectedState"/>) lets storage commit both in
    /// one transaction. True when storage committed the row too.
    /// </summary>
    private async Task<bool> Write(TRow? row)
    {
        S.Revision++;
        if (row is IReadModelRow projection && S is IProjectedState projected)
        {
            return await state.WriteStateWith(projected, projection);
        }

        await state.WriteStateAsync();
        return false;
    }

    private async Task PublishLogged(TRow row)
    {
        try
        {
            await Publish(row);
        }
        catch (Exception ex)
        {
            // The grain is the source of truth; the next command or tick publishes again.
            CaseLog.ProjectionFailed(Logger, ex, Noun, CaseId);
        }
    }

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
            CaseLog.RelaxedArmingFailed(Logger, ex, Noun, CaseId);
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
        return S.Opened ? Commit(Clock.GetUtcNow(), CommitCause.Tick) : Task.CompletedTask;
    }

    private async Task Register(DateTimeOffset next)
    {
        var dueTime = next - Clock.GetUtcNow();
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
                CaseLog.StaleReminderHandle(Logger, ex, Noun, CaseId);
            }
        }

        if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
