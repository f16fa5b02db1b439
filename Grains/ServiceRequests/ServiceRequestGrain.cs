using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Grains.Cases;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.Org;
using WealthActors.Grains.Sla;
using WealthActors.ServiceRequests;
using WealthActors.Sla;

namespace WealthActors.Grains.ServiceRequests;

/// <summary>
/// A service request on the shared case machinery (<see cref="CaseGrain{TState}"/>): the complaint's statuses and
/// commands, a policy matched by its type, and no regulatory deadline.
/// </summary>
public sealed class ServiceRequestGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<ServiceRequestState> state,
    IBusinessCalendarProvider calendars,
    EscalationTargets escalationTargets,
    IServiceRequestReadModelWriter readModel,
    IOptions<SlaOptions> slaOptions,
    TimeProvider clock,
    ILogger<ServiceRequestGrain> logger) : CaseGrain<ServiceRequestState, ServiceRequestRow>(state, calendars, slaOptions, clock, logger), IServiceRequestGrain
{
    protected override string Noun => "Service request";

    protected override CaseKind? ToldToClientAs => CaseKind.ServiceRequest;

    public async Task<ServiceRequestView> Open(OpenServiceRequest command, Actor actor)
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

        var policy = await PolicyFor(command.PolicyId, new PolicySubject(client.Vip, client.Tier, command.Type, Severity.Normal, CaseKind.ServiceRequest));
        await EnsureCalendar(policy);
        var assignee = client.Profile.AdvisorId;
        var targets = await escalationTargets.Resolve(client.Profile.BranchId, assignee);

        var now = Clock.GetUtcNow();
        S.ClientId = command.ClientId;
        S.ClientName = client.Profile.Name;
        S.BranchId = client.Profile.BranchId;
        S.Assignee = assignee;
        S.Category = command.Type;
        S.Description = command.Description;
        S.OpenedBy = actor.Id;
        S.Policy = policy;
        S.Clock = SlaClock.Start(now);
        S.Targets = targets;
        S.Status = ServiceRequestStatus.Open;
        S.UpdatedAt = now;
        S.Opened = true;
        AddTimeline(now, "Opened", actor, $"{command.Type}; policy {policy.Id} v{policy.Version}");
        await CommitChange(now);
        return View(now);
    }

    public Task<ServiceRequestView> GetView()
    {
        RequireOpened();
        return Task.FromResult(View(Clock.GetUtcNow()));
    }

    public Task<ServiceRequestView> Acknowledge(Actor actor, string? text) => Run(actor, now =>
    {
        RequireStatus("acknowledge", ServiceRequestStatus.Open);
        S.Clock = S.Clock.Respond(now);
        S.Status = ServiceRequestStatus.Acknowledged;
        AddTimeline(now, "Acknowledged", actor, text);
    });

    public Task<ServiceRequestView> AddNote(Actor actor, string text) => Run(actor, now => AddTimeline(now, "Note", actor, text));

    public Task<ServiceRequestView> Pause(Actor actor, string reason) => Run(actor, now =>
    {
        RequireStatus("pause", ServiceRequestStatus.Open, ServiceRequestStatus.Acknowledged);
        S.Clock = S.Clock.Pause(now, Calendar);
        S.StatusBeforePause = S.Status;
        S.Status = ServiceRequestStatus.Paused;
        AddTimeline(now, "Paused", actor, reason);
    });

    public Task<ServiceRequestView> Resume(Actor actor, string? text) => Run(actor, now =>
    {
        RequireStatus("resume", ServiceRequestStatus.Paused);
        S.Clock = S.Clock.Resume(now);
        S.Status = S.StatusBeforePause;
        AddTimeline(now, "Resumed", actor, text);
    });

    public async Task<ServiceRequestView> Assign(Actor actor, string employeeId, string? text)
    {
        RequireOpened();
        RequireStatus("assign", ServiceRequestStatus.Open, ServiceRequestStatus.Acknowledged, ServiceRequestStatus.Paused);
        if (string.Equals(S.Assignee, employeeId, StringComparison.Ordinal))
        {
            throw new InvalidTransitionException($"Service request '{CaseId}' is already assigned to '{employeeId}'.");
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

    public Task<ServiceRequestView> Resolve(Actor actor, string text) => Run(actor, now =>
    {
        RequireStatus("resolve", ServiceRequestStatus.Open, ServiceRequestStatus.Acknowledged, ServiceRequestStatus.Paused);
        var running = S.Clock.IsRunning ? S.Clock : S.Clock.Resume(now);
        S.Clock = running.Respond(now).Resolve(now, Calendar);
        S.Status = ServiceRequestStatus.Resolved;
        AddTimeline(now, "Resolved", actor, text);
    });

    public Task<ServiceRequestView> Reopen(Actor actor, string reason) => Run(actor, now =>
    {
        RequireStatus("reopen", ServiceRequestStatus.Resolved);
        S.Clock = S.Clock.Reopen(now);
        S.Status = ServiceRequestStatus.Acknowledged;
        AddTimeline(now, "Reopened", actor, reason);
    });

    protected override MessageText Message(SlaEvent e, string? assignee, (string Chinese, string English)? toRole) =>
        ServiceRequestMessages.For(e, S, CaseId, assignee, toRole);

    protected override void OnFired(SlaEvent e, DateTimeOffset now) => S.UpdatedAt = now;

    protected override InboxMessage Shape(InboxMessage message) => message with { ServiceRequestId = CaseId };

    protected override Task Publish(ServiceRequestRow row) => readModel.UpsertServiceRequest(row);

    protected override ServiceRequestRow Row(SlaEvaluation evaluation, DateTimeOffset now) =>
        new(
            CaseId, S.ClientId, S.BranchId, S.Assignee, S.Category, S.Status, evaluation.State, S.FiredLevel, S.Clock.ReceivedAt,
            evaluation.NextDeadline, now);

    private async Task<ServiceRequestView> Run(Actor actor, Action<DateTimeOffset> change)
    {
        await Execute(actor, now =>
        {
            change(now);
            S.UpdatedAt = now;
        });
        return View(Clock.GetUtcNow());
    }

    private ServiceRequestView View(DateTimeOffset now)
    {
        var evaluation = Evaluate(now);
        return new ServiceRequestView(
            CaseId, S.ClientId, S.BranchId, S.Category, S.Description, S.Status, S.Assignee, evaluation.State, S.FiredLevel,
            S.Policy.Id, S.Policy.Version, S.Clock.ReceivedAt, evaluation.FirstResponseDue, evaluation.ResolutionDue, S.Timeline.ToArray());
    }

    private void RequireStatus(string action, params ServiceRequestStatus[] allowed)
    {
        if (!allowed.Contains(S.Status))
        {
            throw CannotWhile(action, S.Status);
        }
    }
}
