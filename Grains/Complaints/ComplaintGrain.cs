using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.Diagnostics;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.Org;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Complaints;

/// <summary>
/// A complaint: validates each command against its status, then runs the SLA evaluation, records due events with
/// their outbox messages in the same state write, re-arms the deadline reminder and delivers (see the partial files).
/// </summary>
public sealed partial class ComplaintGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<ComplaintState> state,
    IBusinessCalendarProvider calendars,
    EscalationTargets escalationTargets,
    IReadModelWriter readModel,
    IOptions<SlaOptions> slaOptions,
    TimeProvider clock,
    ILogger<ComplaintGrain> logger) : Grain, IComplaintGrain, IRemindable
{

    private ComplaintState S => state.State;

    private string ComplaintId => this.GetPrimaryKeyString();

    private IBusinessCalendar Calendar => calendars.Get(S.Policy.Clock, S.Policy.CalendarId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Catch up after downtime: fire what fell due while nobody was running this case, and re-arm.
        if (S.Opened)
        {
            await EnsureCalendar(S.Policy, S.CalendarVersion);
            await Commit(clock.GetUtcNow(), CommitCause.Activation);
        }
    }

    public async Task<ComplaintView> Open(OpenComplaint command, Actor actor)
    {
        if (S.Opened)
        {
            throw new EntityExistsException($"Complaint '{ComplaintId}' already exists.");
        }

        ClientView client;
        try
        {
            client = await GrainFactory.GetGrain<IClientGrain>(command.ClientId).GetView();
        }
        catch (EntityNotFoundException)
        {
            throw new DomainValidationException("clientId", $"Client '{command.ClientId}' does not exist.");
        }

        var catalog = GrainFactory.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey);
        var policy = command.PolicyId is { Length: > 0 } policyId
            ? await catalog.Get(policyId) ?? throw new DomainValidationException("policyId", $"SLA policy '{policyId}' does not exist.")
            : await catalog.Match(new PolicySubject(client.Vip, client.Tier, command.Category, command.Severity));
        var assignee = client.Profile.AdvisorId;
        var targets = await escalationTargets.Resolve(client.Profile.BranchId, assignee);
        await EnsureCalendar(policy, 0);

        var now = clock.GetUtcNow();
        S.Opened = true;
        S.ClientId = command.ClientId;
        S.ClientName = client.Profile.Name;
        S.BranchId = client.Profile.BranchId;
        S.Category = command.Category;
        S.Severity = command.Severity;
        S.Channel = command.Channel;
        S.Description = command.Description;
        S.OpenedBy = actor.Id;
        S.Status = ComplaintStatus.Open;
        S.Assignee = assignee;
        S.Vip = client.Vip;
        S.Tier = client.Tier;
        S.Policy = policy;
        S.PolicyPinned = command.PolicyId is { Length: > 0 };
        S.Clock = SlaClock.Start(now);
        S.Targets = targets;
        S.CalendarVersion = CalendarId is { } calendarId ? calendars.VersionOf(calendarId) : 0;
        S.CountedCalendarId = CalendarId;
        AddTimeline(now, "Opened", actor, $"{command.Severity} {command.Category} via {command.Channel}; policy {policy.Id} v{policy.Version}");
        await Commit(now, CommitCause.Command);
        WealthActorsMetrics.ComplaintOpened(command.Severity);
        await LinkToClient(open: true);
        LogOpened(logger, ComplaintId, S.ClientId, policy.Id, policy.Version);
        return View(now);
    }

    public Task<ComplaintView> GetView()
    {
        RequireOpened();
        return Task.FromResult(View(clock.GetUtcNow()));
    }

    public Task<ComplaintView> Acknowledge(Actor actor, string? text) => Execute(actor, now =>
    {
        RequireStatus("acknowledge", ComplaintStatus.Open);
        S.Clock = S.Clock.Respond(now);
        S.Status = ComplaintStatus.Acknowledged;
        AddTimeline(now, "Acknowledged", actor, text);
    });

    public Task<ComplaintView> AddNote(Actor actor, string text) => Execute(actor, now => AddTimeline(now, "Note", actor, text));

    public Task<ComplaintView> Pause(Actor actor, string reason) => Execute(actor, now =>
    {
        RequireStatus("pause", ComplaintStatus.Open, ComplaintStatus.Acknowledged);
        S.Clock = S.Clock.Pause(now, Calendar);
        S.StatusBeforePause = S.Status;
        S.Status = ComplaintStatus.Paused;
        AddTimeline(now, "Paused", actor, reason);
    });

    public Task<ComplaintView> Resume(Actor actor, string? text) => Execute(actor, now =>
    {
        RequireStatus("resume", ComplaintStatus.Paused);
        S.Clock = S.Clock.Resume(now);
        S.Status = S.StatusBeforePause;
        AddTimeline(now, "Resumed", actor, text);
    });

    public async Task<ComplaintView> Assign(Actor actor, string employeeId, string? text)
    {
        RequireOpened();
        RequireStatus("assign", ComplaintStatus.Open, ComplaintStatus.Acknowledged, ComplaintStatus.Paused);
        if (string.Equals(S.Assignee, employeeId, StringComparison.Ordinal))
        {
            throw new InvalidTransitionException($"Complaint '{ComplaintId}' is already assigned to '{employeeId}'.");
        }

        if (await GrainFactory.GetGrain<IEmployeeGrain>(employeeId).GetProfile() is null)
        {
            throw new DomainValidationException("to", $"Employee '{employeeId}' does not exist.");
        }

        // The team lead follows the assignee, so the ladder's targets are resolved again.
        var targets = await escalationTargets.Resolve(S.BranchId, employeeId);
        return await Execute(actor, now =>
        {
            var from = S.Assignee;
            S.Assignee = employeeId;
            S.Targets = targets;
            AddTimeline(now, "Assigned", actor, $"{from ?? "-"} → {employeeId}{(text is null ? "" : ": " + text)}");
        });
    }

    public async Task<ComplaintView> Resolve(Actor actor, string text)
    {
        var view = await Execute(actor, now =>
        {
            RequireStatus("resolve", ComplaintStatus.Open, ComplaintStatus.Acknowledged, ComplaintStatus.Paused);
            var running = S.Clock.IsRunning ? S.Clock : S.Clock.Resume(now);
            S.Clock = running.Respond(now).Resolve(now, Calendar);
            S.Status = ComplaintStatus.Resolved;
            AddTimeline(now, "Resolved", actor, text);
        });
        await LinkToClient(open: false);
        return view;
    }

    public async Task<ComplaintView> Reopen(Actor actor, string reason)
    {
        var view = await Execute(actor, now =>
        {
            RequireStatus("reopen", ComplaintStatus.Resolved);
            S.Clock = S.Clock.Reopen(now);
            S.Status = ComplaintStatus.Acknowledged;
            AddTimeline(now, "Reopened", actor, reason);
        });
        await LinkToClient(open: true);
        return view;
    }

    public async Task<ComplaintView> ChangeSeverity(Actor actor, Severity severity, string? reason)
    {
        RequireOpened();
        RequireStatus("change the severity of", ComplaintStatus.Open, ComplaintStatus.Acknowledged, ComplaintStatus.Paused);
        if (severity == S.Severity)
        {
            throw new InvalidTransitionException($"Complaint '{ComplaintId}' already has severity {severity}.");
        }

        var policy = S.PolicyPinned
            ? S.Policy
            : await GrainFactory.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey)
                .Match(new PolicySubject(S.Vip, S.Tier, S.Category, severity));
        await EnsureCalendar(policy, 0);
        return await Execute(actor, now =>
        {
            AddTimeline(now, "SeverityChanged", actor, $"{S.Severity} → {severity}; policy {policy.Id} v{policy.Version}{(reason is null ? "" : ": " + reason)}");
            // Time counted so far stays counted under the calendar it accrued in.
            if (S.Clock.IsRunning)
            {
                S.Clock = S.Clock.Checkpoint(now, Calendar);
            }

            S.Severity = severity;
            S.Policy = policy;
        });
    }

    public Task<ComplaintView> ExtendRegulatoryDeadline(Actor actor, string reason) => Execute(actor, now =>
    {
        RequireStatus("extend", ComplaintStatus.Open, ComplaintStatus.Acknowledged, ComplaintStatus.Paused);
        if (S.Clock.RegulatoryExtended)
        {
            throw new InvalidTransitionException($"The regulatory deadline of complaint '{ComplaintId}' was already extended once.");
        }

        S.Clock = S.Clock.ExtendRegulatory();
        AddTimeline(now, "RegulatoryDeadlineExtended", actor, reason);
    });

    /// <summary>Checks come first inside <paramref name="change"/>, so a rejected command leaves the state untouched.</summary>
    private async Task<ComplaintView> Execute(Actor actor, Action<DateTimeOffset> change)
    {
        RequireOpened();
        var now = clock.GetUtcNow();
        if (Evaluate(now).Due.Count > 0)
        {
            // Record what fell due before this command first: acknowledging or resolving ends a target, and a breach
            // that happened must stay on the record even when its reminder tick has not arrived yet.
            await Commit(now, CommitCause.Activation);
        }

        var before = ClientUpdateSnapshot();
        change(now);
        QueueClientUpdates(before, now);
        await Commit(now, CommitCause.Command);
        LogCommand(logger, ComplaintId, S.Status, actor.Id);
        return View(now);
    }

    private void RequireOpened()
    {
        if (!S.Opened)
        {
            throw new EntityNotFoundException($"Complaint '{ComplaintId}' does not exist.");
        }
    }

    private void RequireStatus(string action, params ComplaintStatus[] allowed)
    {
        if (!allowed.Contains(S.Status))
        {
            throw new InvalidTransitionException($"Cannot {action} complaint '{ComplaintId}' while it is {S.Status}.");
        }
    }

    // Via keeps the door as well as the person: "E101 via api:core" is a system acting for E101.
    private void AddTimeline(DateTimeOffset at, string kind, Actor actor, string? text) => AddTimeline(at, kind, actor.Id, text, actor.Channel);

    // Never trimmed here: ArchiveTimeline moves the oldest events to the read model first (ComplaintGrain.Timeline.cs).
    private void AddTimeline(DateTimeOffset at, string kind, string by, string? text, string? via = null) =>
        S.Timeline.Add(new TimelineEntry(at, kind, by, text, via));

    private async Task LinkToClient(bool open)
    {
        try
        {
            await GrainFactory.GetGrain<IClientGrain>(S.ClientId).LinkComplaint(ComplaintId, open);
        }
        catch (Exception ex)
        {
            LogClientLinkFailed(logger, ex, ComplaintId, S.ClientId);
        }
    }
}
