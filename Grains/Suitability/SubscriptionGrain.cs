using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Clients;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.Org;
using WealthActors.Grains.Sla;
using WealthActors.Sla;
using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

/// <summary>
/// One subscription: the suitability gate's decision, then what follows it. A risk-only mismatch waits for its
/// evidence and a compliance approval, which runs on an SLA policy (the pure <see cref="SlaEvaluator"/> on an
/// <see cref="SlaClock"/>) and escalates when compliance sits on it; a confirmed subscription with a cooling-off period
/// becomes effective when it ends and the advisor gets the return visit. Deadlines are one durable reminder; every
/// message and register line leaves through <see cref="SuitabilityEffects"/>, written with the change that caused it.
/// </summary>
public sealed partial class SubscriptionGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<SubscriptionState> state,
    IBusinessCalendarProvider calendars,
    EscalationTargets escalationTargets,
    ComplianceRecipients compliance,
    ISuitabilityRegister register,
    IOptions<SlaOptions> slaOptions,
    IOptions<SuitabilityOptions> options,
    TimeProvider clock,
    ILogger<SubscriptionGrain> logger) : Grain, ISubscriptionGrain, IRemindable
{
    private const string DueReminder = "subscription-due";
    private static readonly TimeSpan MinimumDueTime = TimeSpan.FromSeconds(1);

    private SubscriptionState S => state.State;

    private string SubscriptionId => this.GetPrimaryKeyString();

    private SubscriptionView View => S.View ?? throw new EntityNotFoundException($"Subscription '{SubscriptionId}' does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Catch up after downtime: what fell due while nobody ran this subscription happens now.
        if (S.View is not null)
        {
            await Commit(clock.GetUtcNow(), tick: false, changed: false);
        }
    }

    public async Task<SubscriptionView> Create(SubscriptionRequest request, Actor actor)
    {
        if (S.View is not null)
        {
            throw new EntityExistsException($"Subscription '{SubscriptionId}' already exists.");
        }

        ClientView client;
        try
        {
            client = await GrainFactory.GetGrain<IClientGrain>(request.ClientId).GetView();
        }
        catch (EntityNotFoundException)
        {
            throw new DomainValidationException("clientId", $"Client '{request.ClientId}' does not exist.");
        }

        var product = await GrainFactory.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.DefaultKey).Get(request.ProductCode)
            ?? throw new DomainValidationException("productCode", $"Product '{request.ProductCode}' is not on the shelf.");
        var now = clock.GetUtcNow();
        var profile = new ClientRiskProfile(client.Profile.RiskLevel, client.RiskExpiresOn, client.ProfessionalInvestor);
        var verdict = SuitabilityRule.Decide(product, profile, request.Amount, now);

        S.CoolingOffHours = product.CoolingOffHours;
        S.View = new SubscriptionView(
            SubscriptionId, request.ClientId, product.Code, product.Name, product.Risk, client.Profile.RiskLevel, request.Amount,
            verdict.Decision, verdict.Reasons, SubscriptionStatus.Blocked, now, actor.Id, [], null, null, 0, null, null, null, null, null,
            client.Profile.BranchId, client.Profile.AdvisorId, null, []);
        switch (verdict.Decision)
        {
            case SuitabilityDecision.Suitable:
                Confirm(now);
                break;
            case SuitabilityDecision.NeedsOverride:
                S.View = View with { Status = SubscriptionStatus.AwaitingOverride };
                S.Effects.Register.Add(RegisterLine(SuitabilityRegisterKind.Override, now));
                break;
            default:
                S.Effects.Register.Add(RegisterLine(SuitabilityRegisterKind.Blocked, now));
                break;
        }

        LogDecided(logger, SubscriptionId, request.ClientId, product.Code, verdict.Decision, string.Join(",", verdict.Reasons), actor.Id);
        await Commit(now, tick: false, changed: true);
        return WithDeadlines(now);
    }

    public Task<SubscriptionView> GetView() => Task.FromResult(WithDeadlines(clock.GetUtcNow()));

    public async Task<SubscriptionView> RequestOverride(OverrideRequest request, Actor actor)
    {
        if (View.Status != SubscriptionStatus.AwaitingOverride)
        {
            throw new InvalidTransitionException(
                $"Subscription '{SubscriptionId}' is {View.Status}: an override is asked for only when the risk level alone is exceeded, once.");
        }

        if (string.IsNullOrWhiteSpace(request.WarningEvidenceId) || string.IsNullOrWhiteSpace(request.RecordingEvidenceId))
        {
            throw new DomainValidationException("evidence", "An override needs the signed risk-mismatch warning and the recorded sales session.");
        }

        var catalog = GrainFactory.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey);
        var policy = await catalog.Get(options.Value.ApprovalPolicyId) ?? DefaultApprovalPolicy.Value;
        var targets = await escalationTargets.Resolve(View.BranchId, View.AdvisorId);
        var officers = await compliance.For(View.BranchId);
        if (officers.Count > 0)
        {
            targets[EmployeeRole.Compliance] = officers[0];
        }

        var now = clock.GetUtcNow();
        S.ApprovalPolicy = policy;
        S.ApprovalClock = SlaClock.Start(now);
        S.Targets = targets;
        S.View = View with
        {
            Status = SubscriptionStatus.PendingApproval,
            Evidence = new[] { request.WarningEvidenceId, request.RecordingEvidenceId },
            OverrideReason = request.Reason,
            ApprovalRequestedAt = now,
            ApprovalPolicyId = policy.Id,
        };
        foreach (var officer in officers)
        {
            S.Effects.Messages.Add(SuitabilityWorkItems.ApprovalRequest(officer, View, now));
        }

        S.Effects.Register.Add(RegisterLine(SuitabilityRegisterKind.Override, now, note: request.Reason));
        await Commit(now, tick: false, changed: true);
        return WithDeadlines(now);
    }

    public async Task<SubscriptionView> DecideOverride(bool approve, string? comment, Actor actor)
    {
        if (View.Status != SubscriptionStatus.PendingApproval)
        {
            throw new InvalidTransitionException($"Subscription '{SubscriptionId}' is {View.Status}: there is no override waiting for a decision.");
        }

        var now = clock.GetUtcNow();
        S.ApprovalClock = S.ApprovalClock!.Resolve(now, Calendar);
        S.View = View with { DecidedBy = actor.Id, DecidedAt = now, DecisionComment = comment };
        if (approve)
        {
            Confirm(now);
        }
        else
        {
            S.View = View with { Status = SubscriptionStatus.Rejected };
        }

        S.Effects.Messages.Add(SuitabilityWorkItems.OverrideDecided(View, approve, now));
        S.Effects.Register.Add(RegisterLine(SuitabilityRegisterKind.Override, now, note: comment));
        LogOverrideDecided(logger, SubscriptionId, approve, actor.Id);
        await Commit(now, tick: false, changed: true);
        return WithDeadlines(now);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DueReminder)
        {
            return;
        }

        if (S.View is null)
        {
            await Disarm();
            return;
        }

        await Commit(clock.GetUtcNow(), tick: true, changed: false);
    }

    private IBusinessCalendar Calendar => S.ApprovalPolicy is { } policy
        ? calendars.Get(policy.Clock, policy.CalendarId)
        : calendars.Get(ClockKind.Calendar, null);

    /// <summary>A confirmed subscription: effective now, or when its cooling-off period ends.</summary>
    private void Confirm(DateTimeOffset now)
    {
        S.View = S.CoolingOffHours > 0
            ? View with { Status = SubscriptionStatus.CoolingOff, CoolingOffEndsAt = now.AddHours(S.CoolingOffHours) }
            : View with { Status = SubscriptionStatus.Effective, EffectiveAt = now };
    }

    /// <summary>
    /// Fires what is due (approval escalations, the end of the cooling-off period), then writes the state with the
    /// effects it owes, arms the next due instant and sends the effects. Duplicate ticks find nothing due.
    /// </summary>
    private async Task Commit(DateTimeOffset now, bool tick, bool changed)
    {
        changed |= Advance(now);
        var next = NextDue(now);
        try
        {
            // Registered before the write: a reminder that ticks early is harmless, one that is missing loses a deadline.
            if (next is { } due && (tick || due != S.ArmedAt))
            {
                await Register(due, now);
                changed |= S.ArmedAt != due;
                S.ArmedAt = due;
            }

            if (changed)
            {
                await state.WriteStateAsync();
            }

            if (next is null && S.ArmedAt is not null)
            {
                await Disarm();
                S.ArmedAt = null;
                await state.WriteStateAsync();
            }
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        await SendEffects();
    }

    private bool Advance(DateTimeOffset now)
    {
        var changed = false;
        if (View.Status == SubscriptionStatus.PendingApproval && S.ApprovalPolicy is { } policy && S.ApprovalClock is { } approvalClock)
        {
            var evaluation = SlaEvaluator.Evaluate(policy, approvalClock, S.Fired, S.FiredLevel, now, Calendar);
            foreach (var e in evaluation.Due)
            {
                S.Fired.Add(e.Name);
                changed = true;
                if (e.Kind != SlaEventKind.Escalation)
                {
                    // Warnings and the complaint's regulatory backstop have no meaning for an approval: recorded, not sent.
                    continue;
                }

                S.FiredLevel = Math.Max(S.FiredLevel, e.Level);
                S.View = View with { EscalationLevel = S.FiredLevel };
                var step = policy.Escalations[e.Level - 1];
                if (S.Targets.GetValueOrDefault(step.ToRole) is { } target)
                {
                    S.Effects.Messages.Add(SuitabilityWorkItems.ApprovalEscalation(target, View, e.Level, policy.Version, now));
                    LogEscalated(logger, SubscriptionId, e.Level, step.ToRole, target, now - e.Due);
                }
            }
        }

        if (View.Status == SubscriptionStatus.CoolingOff && View.CoolingOffEndsAt is { } ends && ends <= now)
        {
            S.View = View with { Status = SubscriptionStatus.Effective, EffectiveAt = ends };
            S.Effects.Tasks.Add(SuitabilityWorkItems.ReturnVisitTask(View, now, options.Value.ReturnVisitDays));
            changed = true;
        }

        return changed;
    }

    private DateTimeOffset? NextDue(DateTimeOffset now) => View.Status switch
    {
        SubscriptionStatus.PendingApproval when S.ApprovalPolicy is { } policy && S.ApprovalClock is { } approvalClock =>
            SlaEvaluator.Evaluate(policy, approvalClock, S.Fired, S.FiredLevel, now, Calendar).NextDeadline,
        SubscriptionStatus.CoolingOff => View.CoolingOffEndsAt,
        _ => null,
    };

    private SubscriptionView WithDeadlines(DateTimeOffset now) =>
        View.Status == SubscriptionStatus.PendingApproval && S.ApprovalPolicy is { } policy && S.ApprovalClock is { } approvalClock
            ? View with { EscalationDue = SlaEvaluator.Evaluate(policy, approvalClock, S.Fired, S.FiredLevel, now, Calendar).EscalationDue.ToArray() }
            : View;

    private async Task SendEffects()
    {
        if (S.Effects.IsEmpty)
        {
            return;
        }

        var sent = await S.Effects.Send(GrainFactory, register, logger, SubscriptionId);
        try
        {
            if (!S.Effects.IsEmpty && S.ArmedAt is null)
            {
                // Nothing else is due: a reminder retries what could not be sent (activation retries it too).
                var now = clock.GetUtcNow();
                var retryAt = now + slaOptions.Value.ReminderRetryPeriod;
                await Register(retryAt, now);
                S.ArmedAt = retryAt;
                sent = true;
            }

            if (sent)
            {
                await state.WriteStateAsync();
            }
        }
        catch (Exception ex)
        {
            // Harmless: sent again later, and recipients and the register drop what they hold already.
            LogEffectsNotCleared(logger, ex, SubscriptionId);
            DeactivateOnIdle();
        }
    }

    private SuitabilityRegisterEntry RegisterLine(SuitabilityRegisterKind kind, DateTimeOffset now, string? note = null)
    {
        var v = View;
        var status = kind == SuitabilityRegisterKind.Override ? v.Status switch
        {
            SubscriptionStatus.AwaitingOverride => "AwaitingOverride",
            SubscriptionStatus.PendingApproval => "PendingApproval",
            SubscriptionStatus.Rejected => "Rejected",
            _ => "Approved",
        } : v.Status.ToString();
        return new SuitabilityRegisterEntry(
            v.SubscriptionId, kind, v.CreatedAt, v.ClientId, v.BranchId, v.AdvisorId, v.ProductCode, v.ProductRisk, v.ClientRisk, v.Amount,
            v.Reasons, v.SubscriptionId, status, v.DecidedBy, v.DecidedAt, note ?? v.OverrideReason);
    }

    private async Task Register(DateTimeOffset due, DateTimeOffset now)
    {
        var dueTime = due - now;
        await this.RegisterOrUpdateReminder(DueReminder, dueTime < MinimumDueTime ? MinimumDueTime : dueTime, slaOptions.Value.ReminderRetryPeriod);
    }

    private async Task Disarm()
    {
        if (await this.GetReminder(DueReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId}: client {ClientId}, product {ProductCode}: {Decision} ({Reasons}) by {ActorId}")]
    private static partial void LogDecided(ILogger logger, string subscriptionId, string clientId, string productCode, SuitabilityDecision decision, string reasons, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId}: override approved={Approved} by {ActorId}")]
    private static partial void LogOverrideDecided(ILogger logger, string subscriptionId, bool approved, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId}: approval escalated L{Level} to {Role} {EmployeeId}, {Lateness} after its deadline")]
    private static partial void LogEscalated(ILogger logger, string subscriptionId, int level, EmployeeRole role, string employeeId, TimeSpan lateness);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId}: sent effects not cleared from state; they are sent again later")]
    private static partial void LogEffectsNotCleared(ILogger logger, Exception exception, string subscriptionId);
}
