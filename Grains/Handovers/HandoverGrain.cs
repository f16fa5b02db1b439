using Microsoft.Extensions.Logging;
using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Handovers;
using WealthActors.ServiceRequests;
using WealthActors.Tasks;

namespace WealthActors.Grains.Handovers;

/// <summary>
/// Works through a handover's clients a batch at a time on a grain timer: each client's steps (the client, then its
/// open complaints assigned to the departing advisor, then its open tasks the departing advisor owns), then the batch's
/// progress in one state write. Every step is
/// safe to repeat, so a batch cut short by a crash is simply done again. A durable reminder, and the registry a starting
/// silo reads, bring a running handover back after its silo is gone.
/// </summary>
public sealed partial class HandoverGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<HandoverState> state,
    IAuditTrail audit,
    ITaskQueries taskQueries,
    IServiceRequestQueries requestQueries,
    TimeProvider clock,
    ILogger<HandoverGrain> logger) : Grain, IHandoverGrain, IRemindable
{
    /// <summary>Clients whose steps run at once, and whose progress is stored together.</summary>
    internal const int Batch = 50;

    /// <summary>The open tasks of one client looked at; far more than a client has (the read model's page limit).</summary>
    private const int TasksPerClient = 1000;

    /// <summary>The service requests of one client looked at, open or not (the read model's page limit).</summary>
    private const int RequestsPerClient = 500;

    private const string ResumeReminder = "handover-resume";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private IGrainTimer? _worker;

    private string HandoverId => this.GetPrimaryKeyString();

    private HandoverState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Plan is not null && !S.Concluded)
        {
            EnsureWorking();
        }

        return Task.CompletedTask;
    }

    public async Task<HandoverStatus> Start(HandoverPlan plan)
    {
        if (S.Plan is null)
        {
            // Listed and armed before the first write: a crash after it leaves a handover someone resumes.
            await GrainFactory.GetGrain<IHandoverRegistryGrain>(IHandoverRegistryGrain.Key).Add(HandoverId);
            await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            S.Plan = plan;
            S.Status = HandoverRunState.Running;
            await state.WriteStateAsync();
            LogStarted(logger, HandoverId, plan.From, plan.To, plan.ClientIds.Count);
        }

        EnsureWorking();
        return Status()!;
    }

    public Task<HandoverStatus?> GetStatus() => Task.FromResult(Status());

    public Task Resume()
    {
        if (S.Plan is not null && !S.Concluded)
        {
            EnsureWorking();
        }

        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Resume();

    private void EnsureWorking() =>
        _worker ??= this.RegisterGrainTimer(static (grain, _) => grain.Work(), this,
            new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(1)) { KeepAlive = true });

    private async Task Work()
    {
        try
        {
            if (S.Status == HandoverRunState.Running)
            {
                await RunBatch();
            }

            if (S.Status == HandoverRunState.Completed)
            {
                await Conclude();
                _worker?.Dispose();
                _worker = null;
            }
        }
        catch (Exception ex)
        {
            // The batch is done again from the stored progress; every step of it is safe to repeat.
            LogBatchFailed(logger, ex, HandoverId, S.Next);
            _worker?.Change(RetryDelay, TimeSpan.FromMilliseconds(1));
        }
    }

    private async Task RunBatch()
    {
        var plan = S.Plan!;
        var clients = plan.ClientIds.Skip(S.Next).Take(Batch).ToList();
        var results = await Task.WhenAll(clients.Select(clientId => MoveClient(plan, clientId)));
        ClientStepResult.Add(S, results);
        if (S.Next >= plan.ClientIds.Count)
        {
            S.Status = HandoverRunState.Completed;
            S.CompletedAt = clock.GetUtcNow();
        }

        await state.WriteStateAsync();
    }

    /// <summary>
    /// One client's steps: the client itself, then each of its open complaints, each of its open tasks and each of its
    /// open service requests.
    /// </summary>
    private async Task<ClientStepResult> MoveClient(HandoverPlan plan, string clientId)
    {
        var client = await GrainFactory.GetGrain<IClientGrain>(clientId).HandOver(plan.From, plan.To, plan.Actor);
        if (client.Outcome == ClientHandoverOutcome.NotTheirs)
        {
            return new ClientStepResult(clientId, client.Outcome, 0);
        }

        var complaints = 0;
        foreach (var complaintId in client.OpenComplaints)
        {
            complaints += await MoveComplaint(plan, complaintId) ? 1 : 0;
        }

        var tasks = 0;
        foreach (var task in await taskQueries.OpenTasksOfClient(clientId, TasksPerClient))
        {
            tasks += await MoveTask(plan, task) ? 1 : 0;
        }

        var requests = 0;
        foreach (var request in await requestQueries.ListServiceRequests(new ServiceRequestFilter(ClientId: clientId, Limit: RequestsPerClient)))
        {
            requests += request.Status != ServiceRequestStatus.Resolved && await MoveRequest(plan, request.RequestId) ? 1 : 0;
        }

        return new ClientStepResult(clientId, client.Outcome, complaints, tasks, requests);
    }

    /// <summary>
    /// Hands an open task of the departing advisor to the new one through the task's own Reassign, which records it on
    /// the task's timeline and points its reminders and escalations still to come at the new owner's chain. The client's
    /// open tasks come from the read model, whose row may still show the departing advisor for a task this handover
    /// moved before a restart: Reassign leaves such a task as it is, and its timeline says whether this handover moved
    /// it, so it is counted once. True when this handover moved it, now or before a restart.
    /// </summary>
    private async Task<bool> MoveTask(HandoverPlan plan, TaskRow row)
    {
        if (!string.Equals(row.Owner, plan.From, StringComparison.Ordinal) && !string.Equals(row.Owner, plan.To, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var view = await GrainFactory.GetGrain<ITaskGrain>(row.TaskId).Reassign(plan.Actor, plan.From, plan.To, HandoverNote);
            return MovedHere(view.Timeline);
        }
        catch (InvalidTransitionException)
        {
            // Done, cancelled or given to someone else since the row was written: whoever did it decided.
            return false;
        }
    }

    /// <summary>
    /// Reassigns an open complaint of the departing advisor through its own Assign command, which resolves its
    /// escalation targets again (the new advisor's team lead) and re-arms its deadline. True when this handover moved it,
    /// now or before a restart (its timeline says so).
    /// </summary>
    private async Task<bool> MoveComplaint(HandoverPlan plan, string complaintId)
    {
        var complaint = GrainFactory.GetGrain<IComplaintGrain>(complaintId);
        var view = await complaint.GetView();
        return view.Status != ComplaintStatus.Resolved
            && await MoveCase(plan, view.Assignee, view.Timeline, () => complaint.Assign(plan.Actor, plan.To, HandoverNote));
    }

    /// <summary>Reassigns an open service request of the departing advisor as a complaint is (<see cref="MoveComplaint"/>).</summary>
    private async Task<bool> MoveRequest(HandoverPlan plan, string requestId)
    {
        var request = GrainFactory.GetGrain<IServiceRequestGrain>(requestId);
        var view = await request.GetView();
        return view.Status != ServiceRequestStatus.Resolved
            && await MoveCase(plan, view.Assignee, view.Timeline, () => request.Assign(plan.Actor, plan.To, HandoverNote));
    }

    /// <summary>
    /// An open case with the departing advisor is reassigned by <paramref name="assign"/>; one already with the new
    /// advisor counts when its timeline says this handover moved it (before a restart).
    /// </summary>
    private async Task<bool> MoveCase(HandoverPlan plan, string? assignee, IEnumerable<TimelineEntry> timeline, Func<Task> assign)
    {
        if (string.Equals(assignee, plan.From, StringComparison.Ordinal))
        {
            try
            {
                await assign();
                return true;
            }
            catch (InvalidTransitionException)
            {
                // Resolved or reassigned between the read and the command: whoever did it decided.
                return false;
            }
        }

        return string.Equals(assignee, plan.To, StringComparison.Ordinal) && MovedHere(timeline);
    }

    private bool MovedHere(IEnumerable<TimelineEntry> timeline) =>
        timeline.Any(e => e.Kind == "Assigned" && e.Text?.EndsWith(HandoverNote, StringComparison.Ordinal) == true);

    private string HandoverNote => $"客户交接 handover {HandoverId}";

    /// <summary>Tells both advisors and the team leads, records the end in the audit trail, and stops the resumers.</summary>
    private async Task Conclude()
    {
        if (S.Concluded)
        {
            return;
        }

        var plan = S.Plan!;
        var status = Status()!;
        var now = clock.GetUtcNow();
        var recipients = new[] { plan.From, plan.To }.Concat(plan.Notify).Distinct(StringComparer.Ordinal);
        await Task.WhenAll(recipients.Select(async recipient =>
        {
            var employee = GrainFactory.GetGrain<IEmployeeGrain>(recipient);
            await employee.Deliver(HandoverMessages.For(recipient, HandoverId, status, now));
        }));

        var r = plan.Requester;
        await audit.AppendAsync(new AuditRecord(
            AuditChannels.Job, "handover.complete", AuditOutcomes.Ok, EmployeeId: r.EmployeeId, KeyName: r.KeyName, Door: r.Door,
            TargetType: "handover", TargetId: HandoverId, Digest: r.Digest));

        await GrainFactory.GetGrain<IHandoverRegistryGrain>(IHandoverRegistryGrain.Key).Remove(HandoverId);
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        S.Concluded = true;
        await state.WriteStateAsync();
        LogCompleted(logger, HandoverId, S.Moved, S.Skipped, S.ComplaintsMoved, S.TasksMoved);
    }

    private HandoverStatus? Status() => S.Plan is not { } plan
        ? null
        : new HandoverStatus(
            HandoverId, plan.From, plan.To, S.Status, plan.ClientIds.Count, S.Next, S.Moved, S.Skipped, S.ComplaintsMoved,
            plan.RequestedAt, S.CompletedAt, [.. S.SkippedClientIds], plan.Requester.EmployeeId ?? plan.Requester.KeyName, S.TasksMoved, S.RequestsMoved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handover {HandoverId} of {Total} clients from {From} to {To} started")]
    private static partial void LogStarted(ILogger logger, string handoverId, string from, string to, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handover {HandoverId}: the batch after client {Next} failed; it is done again")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string handoverId, int next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handover {HandoverId} completed: {Moved} clients moved, {Skipped} skipped, {Complaints} complaints and {Tasks} tasks reassigned")]
    private static partial void LogCompleted(ILogger logger, string handoverId, int moved, int skipped, int complaints, int tasks);
}
