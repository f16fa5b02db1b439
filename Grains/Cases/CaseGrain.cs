using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Complaints;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Cases;

/// <summary>
/// The case machinery that complaints, service requests and tasks share: commands checked against the state first,
/// then one commit pipeline (fire what fell due by the pure <see cref="CaseStep"/>, write the state with its outbox,
/// re-arm the durable deadline reminder, deliver exactly once, publish the read-model row). A kind of case says only
/// what is its own: its commands, the words of its messages and its read-model row <typeparamref name="TRow"/> (see
/// the partial files for the pipeline).
/// </summary>
public abstract partial class CaseGrain<TState, TRow>(
    IPersistentState<TState> state,
    IBusinessCalendarProvider calendars,
    IOptions<SlaOptions> slaOptions,
    TimeProvider clock,
    ILogger logger) : Grain, IRemindable
    where TState : class, ISlaCase
    where TRow : class
{
    protected TState S => state.State;

    protected string CaseId => this.GetPrimaryKeyString();

    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    protected IBusinessCalendar Calendar => calendars.Get(S.Policy.Clock, S.Policy.CalendarId);

    protected IBusinessCalendarProvider Calendars => calendars;

    /// <summary>What the case is called in errors and logs ("Complaint", "Task", "Service request").</summary>
    protected abstract string Noun { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Catch up after downtime: fire what fell due while nobody was running this case, and re-arm.
        if (S.Opened)
        {
            await EnsureCalendar(S.Policy, CalendarVersionHeld);
            await Commit(clock.GetUtcNow(), CommitCause.Activation);
        }
    }

    /// <summary>The version of its business calendar the case was last told of (complaints keep it; others 0).</summary>
    protected virtual int CalendarVersionHeld => 0;

    /// <summary>
    /// Checks come first inside <paramref name="change"/>, so a rejected command leaves the state untouched. Returns the
    /// time the command took effect at.
    /// </summary>
    protected async Task<DateTimeOffset> Execute(Actor actor, Action<DateTimeOffset> change)
    {
        RequireOpened();
        var now = clock.GetUtcNow();
        if (Evaluate(now).Due.Count > 0)
        {
            // What fell due before this command is recorded first, so a breach that happened stays on the record.
            await Commit(now, CommitCause.Activation);
        }

        var before = ClientUpdateSnapshot();
        change(now);
        Touched(now);
        QueueClientUpdates(before, now);
        await Commit(now, CommitCause.Command);
        CaseLog.Command(logger, Noun, CaseId, actor.Id);
        return now;
    }

    /// <summary>What a kind of case records on every change a command made (its last-updated time).</summary>
    protected virtual void Touched(DateTimeOffset now)
    {
    }

    /// <summary>Commits a change made outside <see cref="Execute"/>: a new case once its state is filled in, a new calendar.</summary>
    protected Task CommitChange(DateTimeOffset now) => Commit(now, CommitCause.Command);

    protected void RequireOpened()
    {
        if (!S.Opened)
        {
            throw new EntityNotFoundException($"{Noun} '{CaseId}' does not exist.");
        }
    }

    protected void RequireNew()
    {
        if (S.Opened)
        {
            throw new EntityExistsException($"{Noun} '{CaseId}' already exists.");
        }
    }

    protected InvalidTransitionException CannotWhile(string action, object status) =>
        new($"Cannot {action} {Noun.ToLowerInvariant()} '{CaseId}' while it is {status}.");

    // Via keeps the door as well as the person: "E101 via api:core" is a system acting for E101.
    protected void AddTimeline(DateTimeOffset at, string kind, Actor actor, string? text) =>
        S.Timeline.Add(new TimelineEntry(at, kind, actor.Id, text, actor.Channel));

    protected void AddTimeline(DateTimeOffset at, string kind, string by, string? text) =>
        S.Timeline.Add(new TimelineEntry(at, kind, by, text));

    /// <summary>The policy named by <paramref name="policyId"/>, or the catalog's match for <paramref name="subject"/>.</summary>
    protected async Task<SlaPolicy> PolicyFor(string? policyId, PolicySubject subject)
    {
        var catalog = GrainFactory.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey);
        if (policyId is not { Length: > 0 })
        {
            return await catalog.Match(subject);
        }

        var named = await catalog.Get(policyId) ?? throw new DomainValidationException("policyId", $"SLA policy '{policyId}' does not exist.");
        return named.Match.CaseKind == subject.Kind
            ? named
            : throw new DomainValidationException("policyId", $"SLA policy '{policyId}' is a {named.Match.CaseKind} policy, not a {subject.Kind} one.");
    }

    /// <summary>
    /// Makes this silo hold the calendar <paramref name="policy"/> counts in, at least at <paramref name="minimumVersion"/>:
    /// a calendar created or changed through another silo may not have reached this one yet (its periodic refresh
    /// would take up to a minute). Only then is the catalog asked. Without it the clock counts in the default calendar.
    /// </summary>
    protected async Task EnsureCalendar(SlaPolicy policy, int minimumVersion = 0)
    {
        if (policy.Clock != ClockKind.Business)
        {
            return;
        }

        var calendarId = policy.CalendarId ?? BusinessCalendarProvider.DefaultCalendarId;
        if (calendars.VersionOf(calendarId) == 0 && !await Fetch(calendarId))
        {
            // Not a calendar of the catalog either: the clock counts in the default one.
            calendarId = BusinessCalendarProvider.DefaultCalendarId;
        }

        if (calendars.VersionOf(calendarId) < minimumVersion)
        {
            await Fetch(calendarId);
        }
    }

    /// <summary>Takes the catalog's current version of a calendar; false when the catalog has none or cannot be reached.</summary>
    private async Task<bool> Fetch(string calendarId)
    {
        try
        {
            return await calendars.FetchFromCatalog(GrainFactory, calendarId);
        }
        catch (Exception ex)
        {
            // The case still counts, in the version this silo holds; the silo's periodic refresh catches up.
            CaseLog.CalendarFetchFailed(logger, ex, Noun, CaseId, calendarId);
            return false;
        }
    }
}
