using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.Cases;
using WealthActors.Grains.Diagnostics;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.Org;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.Sla;
using WealthActors.ReadModel;
using WealthActors.Sla;

namespace WealthActors.Grains.Complaints;

/// <summary>
/// A complaint on the shared case machinery (<see cref="CaseGrain{TState, TRow}"/>): what is its own is its statuses
/// and commands, the regulator's deadline, its calendar changes and its timeline history (the other partial files).
/// </summary>
public sealed partial class ComplaintGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<ComplaintState> state,
    IBusinessCalendarProvider calendars,
    EscalationTargets escalationTargets,
    IReadModelWriter readModel,
    IOptions<SlaOptions> slaOptions,
    TimeProvider clock,
    ILogger<ComplaintGrain> logger)
    : CaseGrain<ComplaintState, ComplaintRow>(state, calendars, slaOptions, clock, logger), IComplaintGrain
{
    protected override string Noun => "Complaint";

    protected override bool Regulatory => true;

    protected override int CalendarVersionHeld => S.CalendarVersion;

    protected override CaseKind? ToldToClientAs => CaseKind.Complaint;

    protected override long TimelineLength => S.TimelineStart + S.Timeline.Count;

    public async Task<ComplaintView> Open(OpenComplaint command, Actor actor)
    {
        RequireNew();
        ClientView client;
        try
        {
            client = await GrainFactory.GetGrain<IClientGrain>(command.ClientId).GetView();
        }
        catch (EntityNotFoundException)
        {
            throw new DomainValidationException("clientId", $"Client '{command.ClientId}' does not exist.");
        }

        var policy = await PolicyFor(command.PolicyId, new PolicySubject(client.Vip, client.Tier, command.Category, command.Severity));
        var assignee = client.Profile.AdvisorId;
        var targets = await escalationTargets.Resolve(client.Profile.BranchId, assignee);
        await EnsureCalendar(policy);

        var now = Clock.GetUtcNow();
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
        S.CalendarVersion = CalendarId is { } calendarId ? Calendars.VersionOf(calendarId) : 0;
        S.CountedCalendarId = CalendarId;
        AddTimeline(now, "Opened", actor, $"{command.Severity} {command.Category} via {command.Channel}; policy {policy.Id} v{policy.Version}");
        await CommitChange(now);
        WealthActorsMetrics.ComplaintOpened(command.Severity);
        await LinkToClient(open: true);
        LogOpened(Logger, CaseId, S.ClientId, policy.Id, policy.Version);
        return View(now);
    }

    public Task<ComplaintView> GetView()
    {
        RequireOpened();
        return Task.FromResult(View(Clock.GetUtcNow()));
    }

    public Task<ComplaintView> Acknowledge(Actor actor, string? text) => Run(actor, now =>
    {
        RequireStatus("acknowledge", ComplaintStatus.Open);
        S.Clock = S.Clock.Respond(now);
        S.Status = ComplaintStatus.Acknowledged;
        AddTimeline(now, "Acknowledged", actor, text);
    });

    public Task<ComplaintView> AddNote(Actor actor, string text) => Run(actor, now => AddTimeline(now, "Note", actor, text));

    public Task<ComplaintView> Pause(Actor actor, string reason) => Run(actor, now =>
    {
        RequireStatus("pause", ComplaintStatus.Open, ComplaintStatus.Acknowledged);
        S.Clock = S.Clock.Pause(now, Calendar);
        S.StatusBeforePause = S.Status;
        S.Status = ComplaintStatus.Paused;
        AddTimeline(now, "Paused", actor, reason);
    });

    public Task<ComplaintView> Resume(Actor actor, string? text) => Run(actor, now =>
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
            throw new InvalidTransitionException($"Complaint '{CaseId}' is already assigned to '{employeeId}'.");
        }

        if (await GrainFactory.GetGrain<IEmployeeGrain>(employeeId).GetProfile() is null)
        {
            throw new DomainValidationException("to", $"Employee '{employeeId}' does not exist.");
        }

        // The team lead follows the assignee, so the ladder's targets are resolved again.
        var targets = await escalationTargets.Resolve(S.BranchId, employeeId);
        return await Run(actor, now =>
        {
            var from = S.Assignee;
            S.Assignee = employeeId;
            S.Targets = targets;
            AddTimeline(now, "Assigned", actor, $"{from ?? "-"} → {employeeId}{(text is null ? "" : ": " + text)}");
        });
    }

    public async Task<ComplaintView> Resolve(Actor actor, string text)
    {
        var view = await Run(actor, now =>
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
        var view = await Run(actor, now =>
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
            throw new InvalidTransitionException($"Complaint '{CaseId}' already has severity {severity}.");
        }

        var policy = S.PolicyPinned
            ? S.Policy
            : await GrainFactory.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey)
                .Match(new PolicySubject(S.Vip, S.Tier, S.Category, severity));
        await EnsureCalendar(policy);
        return await Run(actor, now =>
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

    public Task<ComplaintView> ExtendRegulatoryDeadline(Actor actor, string reason) => Run(actor, now =>
    {
        RequireStatus("extend", ComplaintStatus.Open, ComplaintStatus.Acknowledged, ComplaintStatus.Paused);
        if (S.Clock.RegulatoryExtended)
        {
            throw new InvalidTransitionException($"The regulatory deadline of complaint '{CaseId}' was already extended once.");
        }

        S.Clock = S.Clock.ExtendRegulatory();
        AddTimeline(now, "RegulatoryDeadlineExtended", actor, reason);
    });

    private async Task<ComplaintView> Run(Actor actor, Action<DateTimeOffset> change) => View(await Execute(actor, change));

    private void RequireStatus(string action, params ComplaintStatus[] allowed)
    {
        if (!allowed.Contains(S.Status))
        {
            throw CannotWhile(action, S.Status);
        }
    }

    private async Task LinkToClient(bool open)
    {
        try
        {
            await GrainFactory.GetGrain<IClientGrain>(S.ClientId).LinkComplaint(CaseId, open);
        }
        catch (Exception ex)
        {
            LogClientLinkFailed(Logger, ex, CaseId, S.ClientId);
        }
    }

    // Routine commands log at Debug: each is on the complaint's timeline already, and at thousands a second a line
    // each would bury the escalations and SLA events an operator reads the log for (and cost the silo 2 % of its CPU).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Complaint {ComplaintId} opened for client {ClientId} under policy {PolicyId} v{PolicyVersion}")]
    private static partial void LogOpened(ILogger logger, string complaintId, string clientId, string policyId, int policyVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {ComplaintId}: linking to client {ClientId} failed")]
    private static partial void LogClientLinkFailed(ILogger logger, Exception exception, string complaintId, string clientId);
}
