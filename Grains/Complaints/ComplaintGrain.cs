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
    : DeskCaseGrain<ComplaintState, ComplaintRow>(state, calendars, escalationTargets, slaOptions, clock, logger), IComplaintGrain
{
    protected override string Noun => "Complaint";

    protected override bool Regulatory => true;

    protected override int CalendarVersionHeld => S.CalendarVersion;

    protected override CaseKind? ToldToClientAs => CaseKind.Complaint;

    protected override long TimelineLength => S.TimelineStart + S.Timeline.Count;

    public async Task<ComplaintView> Open(OpenComplaint command, Actor actor)
    {
        RequireNew();
        var client = await ClientOf(command.ClientId);
        var policy = await PolicyFor(command.PolicyId, new PolicySubject(client.Vip, client.Tier, command.Category, command.Severity));
        var assignee = client.Profile.AdvisorId;
        var targets = await EscalationTargets.Resolve(client.Profile.BranchId, assignee);
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

    public async Task<ComplaintView> Acknowledge(Actor actor, string? text) => View(await AcknowledgeCase(actor, text));

    public async Task<ComplaintView> AddNote(Actor actor, string text) => View(await NoteCase(actor, text));

    public async Task<ComplaintView> Pause(Actor actor, string reason) => View(await PauseCase(actor, reason));

    public async Task<ComplaintView> Resume(Actor actor, string? text) => View(await ResumeCase(actor, text));

    public async Task<ComplaintView> Assign(Actor actor, string employeeId, string? text) => View(await AssignCase(actor, employeeId, text));

    public async Task<ComplaintView> Resolve(Actor actor, string text)
    {
        var resolvedAt = await ResolveCase(actor, text);
        await LinkToClient(open: false);
        return View(resolvedAt);
    }

    public async Task<ComplaintView> Reopen(Actor actor, string reason)
    {
        var reopenedAt = await ReopenCase(actor, reason);
        await LinkToClient(open: true);
        return View(reopenedAt);
    }

    public async Task<ComplaintView> ChangeSeverity(Actor actor, Severity severity, string? reason)
    {
        RequireOpened();
        RequireStatus("change the severity of", DeskStatus.Open, DeskStatus.Acknowledged, DeskStatus.Paused);
        if (severity == S.Severity)
        {
            throw new InvalidTransitionException($"Complaint '{CaseId}' already has severity {severity}.");
        }

        var policy = S.PolicyPinned
            ? S.Policy
            : await GrainFactory.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey)
                .Match(new PolicySubject(S.Vip, S.Tier, S.Category, severity));
        await EnsureCalendar(policy);
        return View(await Execute(actor, now =>
        {
            AddTimeline(now, "SeverityChanged", actor, $"{S.Severity} → {severity}; policy {policy.Id} v{policy.Version}{(reason is null ? "" : ": " + reason)}");
            // Time counted so far stays counted under the calendar it accrued in.
            if (S.Clock.IsRunning)
            {
                S.Clock = S.Clock.Checkpoint(now, Calendar);
            }

            S.Severity = severity;
            S.Policy = policy;
        }));
    }

    public async Task<ComplaintView> ExtendRegulatoryDeadline(Actor actor, string reason) => View(await Execute(actor, now =>
    {
        RequireStatus("extend", DeskStatus.Open, DeskStatus.Acknowledged, DeskStatus.Paused);
        if (S.Clock.RegulatoryExtended)
        {
            throw new InvalidTransitionException($"The regulatory deadline of complaint '{CaseId}' was already extended once.");
        }

        S.Clock = S.Clock.ExtendRegulatory();
        AddTimeline(now, "RegulatoryDeadlineExtended", actor, reason);
    }));

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
