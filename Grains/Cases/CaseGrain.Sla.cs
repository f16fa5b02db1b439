using WealthActors.Employees;
using WealthActors.Grains.Complaints;
using WealthActors.Grains.Diagnostics;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Cases;

public abstract partial class CaseGrain<TState>
{
    protected enum CommitCause { Command, Tick, Activation }

    private const string DeadlineReminder = "sla-deadline";
    private static readonly TimeSpan MinimumDueTime = TimeSpan.FromSeconds(1);

    /// <summary>An array, not a collection expression, so the Orleans serializer knows its type.</summary>
    private static readonly string[] InboxOnly = ["inbox"];

    private IGrainReminder? _reminder;
    private Task _reminderChanges = Task.CompletedTask;
    private IGrainTimer? _nearDeadline;

    /// <summary>Whether the regulator's complaint deadline applies (it does not to tasks and service requests).</summary>
    protected virtual bool Regulatory => false;

    /// <summary>The words of the message an SLA event sends; <paramref name="toRole"/> is set for an escalation.</summary>
    protected abstract MessageText Message(SlaEvent e, (string Chinese, string English)? toRole);

    /// <summary>What a kind of case does on an event beyond the shared recording and messages (a snoozed task reopens).</summary>
    protected virtual void OnFired(SlaEvent e, DateTimeOffset now)
    {
    }

    /// <summary>Publishes the case's read-model row; a failure is logged and the next change publishes again.</summary>
    protected abstract Task Publish(SlaEvaluation evaluation, DateTimeOffset now);

    /// <summary>The inbox message as the kind of case sends it (a task names itself on it, for the buttons of its card).</summary>
    protected virtual InboxMessage Shape(InboxMessage message) => message;

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

        await Commit(Clock.GetUtcNow(), CommitCause.Tick);
    }

    protected SlaEvaluation Evaluate(DateTimeOffset now) =>
        SlaEvaluator.Evaluate(S.Policy, S.Clock, S.Fired, S.FiredLevel, now, Calendar, Regulatory);

    /// <summary>
    /// One evaluation used by commands, reminder ticks and activation: fire due events, then persist (events and their
    /// outbox entries in one write), re-arm, deliver and publish. Duplicate ticks find nothing due and change nothing.
    /// The reminder is brought forward before the write and relaxed after it, as complaints do (ComplaintGrain.Sla.cs).
    /// </summary>
    protected async Task Commit(DateTimeOffset now, CommitCause cause)
    {
        var evaluation = Evaluate(now);
        var changed = cause == CommitCause.Command || evaluation.Due.Count > 0;
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

            var next = evaluation.NextDeadline;
            var force = cause == CommitCause.Tick;
            var relaxes = next is null || S.ArmedDeadline is { } armedAt && (armedAt <= now || next >= armedAt);
            var armed = S.ArmedDeadline;
            if (!relaxes)
            {
                await Arm(next, force);
            }

            if (changed || armed != S.ArmedDeadline)
            {
                S.Revision++;
                await state.WriteStateAsync();
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
        if (changed)
        {
            try
            {
                await Publish(evaluation, now);
            }
            catch (Exception ex)
            {
                // The grain is the source of truth; the next command or tick publishes again.
                CaseLog.ProjectionFailed(Logger, ex, Noun, CaseId);
            }
        }

        if (cause != CommitCause.Command)
        {
            await armingAfterWrite;
        }
    }

    private void Fire(SlaEvent e, DateTimeOffset now)
    {
        S.Fired.Add(e.Name);
        if (e.Kind == SlaEventKind.Escalation)
        {
            FireEscalation(e, now);
        }
        else
        {
            AddTimeline(now, e.Kind.ToString(), "sla", $"due {e.Due:O}");
            if (e.Kind is SlaEventKind.FirstResponseBreach or SlaEventKind.ResolutionBreach)
            {
                S.BreachedAt = S.BreachedAt is { } earlier && earlier <= e.Due ? earlier : e.Due;
            }

            var kind = e.Kind is SlaEventKind.FirstResponseWarning or SlaEventKind.ResolutionWarning ? InboxKind.Warning : InboxKind.Escalation;
            if (S.Assignee is { } assignee)
            {
                Enqueue(assignee, kind, $"{CaseId}:{e.Name}:{S.Policy.Version}:{S.Round}", Message(e, null), now);
            }

            CaseLog.SlaEvent(Logger, Noun, CaseId, e.Name, e.Due, now - e.Due);
        }

        OnFired(e, now);
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
            CaseLog.NoTarget(Logger, Noun, CaseId, e.Level, step.ToRole);
            return;
        }

        // The de-duplication key names the step exactly once per policy version and round.
        var key = $"{CaseId}:{e.Level}:{S.Policy.Version}:{S.Round}";
        Enqueue(target, InboxKind.Escalation, key, Message(e, ComplaintMessages.RoleName(step.ToRole)), now);
        if (step.Action == WealthActors.Sla.EscalationAction.Reassign)
        {
            AddTimeline(now, "Assigned", "sla", $"{S.Assignee ?? "-"} → {target} (escalation L{e.Level})");
            S.Assignee = target;
        }

        CaseLog.Escalated(Logger, Noun, CaseId, e.Level, step.ToRole, target, now - e.Due);
    }

    private void Enqueue(string employeeId, InboxKind kind, string key, MessageText text, DateTimeOffset now) =>
        S.Outbox.Add(new OutboxEntry(employeeId, Shape(new InboxMessage(
            Id: key, Kind: kind, Key: key, ComplaintId: null, ClientId: S.ClientId, Text: text.Chinese, CreatedAt: now,
            DeliveredVia: InboxOnly, EnglishText: text.English))));

    /// <summary>Sends a message outside the ladder (a task handed to its owner) through the same outbox.</summary>
    protected void Notify(string employeeId, InboxKind kind, string key, MessageText text, DateTimeOffset now) =>
        Enqueue(employeeId, kind, key, text, now);

    private Task Arm(DateTimeOffset? next, bool force)
    {
        if (next == S.ArmedDeadline && !force)
        {
            return Task.CompletedTask;
        }

        S.ArmedDeadline = next;
        return next is { } deadline ? InSequence(() => Register(deadline)) : InSequence(Disarm);
    }

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

    /// <summary>One change of the deadline reminder after the ones before it, so two never land out of order.</summary>
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

    /// <summary>A deadline nearer than one reminder retry period fires on a grain timer; the reminder stays the backstop.</summary>
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
