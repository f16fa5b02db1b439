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
/// A service request on the shared case machinery (<see cref="DeskCaseGrain{TState, TRow}"/>): the complaint's
/// lifecycle and commands, a policy matched by its type, and no regulatory deadline.
/// </summary>
public sealed class ServiceRequestGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<ServiceRequestState> state,
    IBusinessCalendarProvider calendars,
    EscalationTargets escalationTargets,
    IServiceRequestReadModelWriter readModel,
    IOptions<SlaOptions> slaOptions,
    TimeProvider clock,
    ILogger<ServiceRequestGrain> logger)
    : DeskCaseGrain<ServiceRequestState, ServiceRequestRow>(state, calendars, escalationTargets, slaOptions, clock, logger), IServiceRequestGrain
{
    protected override string Noun => "Service request";

    protected override CaseKind? ToldToClientAs => CaseKind.ServiceRequest;

    public async Task<ServiceRequestView> Open(OpenServiceRequest command, Actor actor)
    {
        RequireNew();
        var client = await ClientOf(command.ClientId);

        var policy = await PolicyFor(command.PolicyId, new PolicySubject(client.Vip, client.Tier, command.Type, Severity.Normal, CaseKind.ServiceRequest));
        await EnsureCalendar(policy);
        var assignee = client.Profile.AdvisorId;
        var targets = await EscalationTargets.Resolve(client.Profile.BranchId, assignee);

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

    public async Task<ServiceRequestView> Acknowledge(Actor actor, string? text) => View(await AcknowledgeCase(actor, text));

    public async Task<ServiceRequestView> AddNote(Actor actor, string text) => View(await NoteCase(actor, text));

    public async Task<ServiceRequestView> Pause(Actor actor, string reason) => View(await PauseCase(actor, reason));

    public async Task<ServiceRequestView> Resume(Actor actor, string? text) => View(await ResumeCase(actor, text));

    public async Task<ServiceRequestView> Assign(Actor actor, string employeeId, string? text) => View(await AssignCase(actor, employeeId, text));

    public async Task<ServiceRequestView> Resolve(Actor actor, string text) => View(await ResolveCase(actor, text));

    public async Task<ServiceRequestView> Reopen(Actor actor, string reason) => View(await ReopenCase(actor, reason));

    protected override MessageText Message(SlaEvent e, string? assignee, (string Chinese, string English)? toRole) =>
        ServiceRequestMessages.For(e, S, CaseId, assignee, toRole);

    protected override void OnFired(SlaEvent e, DateTimeOffset now) => S.UpdatedAt = now;

    protected override void Touched(DateTimeOffset now) => S.UpdatedAt = now;

    protected override InboxMessage Shape(InboxMessage message) => message with { ServiceRequestId = CaseId };

    protected override Task Publish(ServiceRequestRow row) => readModel.UpsertServiceRequest(row);

    protected override ServiceRequestRow Row(SlaEvaluation evaluation, DateTimeOffset now) =>
        new(
            CaseId, S.ClientId, S.BranchId, S.Assignee, S.Category, S.Status, evaluation.State, S.FiredLevel, S.Clock.ReceivedAt,
            evaluation.NextDeadline, now);

    private ServiceRequestView View(DateTimeOffset now)
    {
        var evaluation = Evaluate(now);
        return new ServiceRequestView(
            CaseId, S.ClientId, S.BranchId, S.Category, S.Description, S.Status, S.Assignee, evaluation.State, S.FiredLevel,
            S.Policy.Id, S.Policy.Version, S.Clock.ReceivedAt, evaluation.FirstResponseDue, evaluation.ResolutionDue, S.Timeline.ToArray());
    }
}
