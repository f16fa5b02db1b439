using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Grains.Cases;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.Org;
using WealthActors.Grains.Sla;
using WealthActors.Sla;
using WealthActors.Tasks;

namespace WealthActors.Grains.Tasks;

/// <summary>
/// A task on the shared case machinery (<see cref="CaseGrain{TState}"/>): what is its own is its statuses, its due
/// date read into the policy (<see cref="TaskSchedule"/>), and the interaction a completion logs on the client.
/// </summary>
public sealed class TaskGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<TaskState> state,
    IBusinessCalendarProvider calendars,
    EscalationTargets escalationTargets,
    ITaskReadModelWriter readModel,
    IOptions<SlaOptions> slaOptions,
    TimeProvider clock,
    ILogger<TaskGrain> logger) : CaseGrain<TaskState, TaskRow>(state, calendars, slaOptions, clock, logger), ITaskGrain
{
    protected override string Noun => "Task";

    public async Task<TaskView> Create(CreateTask command, Actor actor)
    {
        RequireNew();
        var client = command.Client ?? await ClientOf(command.ClientId);

        if (await GrainFactory.GetGrain<IEmployeeGrain>(command.Owner).GetProfile() is null)
        {
            throw new DomainValidationException("owner", $"Employee '{command.Owner}' does not exist.");
        }

        var policy = await PolicyFor(command.PolicyId, new PolicySubject(client.Vip, client.Tier, command.Kind, Severity.Normal, CaseKind.Task));
        await EnsureCalendar(policy);
        var targets = await escalationTargets.Resolve(client.BranchId, command.Owner);

        var now = Clock.GetUtcNow();
        S.ClientId = command.ClientId;
        S.ClientName = client.Name;
        S.BranchId = client.BranchId;
        S.Assignee = command.Owner;
        S.Category = command.Kind;
        S.OpenedBy = actor.Id;
        S.Title = command.Title;
        S.EnglishTitle = command.EnglishTitle;
        S.CatalogPolicy = policy;
        S.Policy = policy;
        S.Targets = targets;
        S.CreatedAt = now;
        S.Status = WorkItemStatus.Open;
        Schedule(now, TaskSchedule.DueOf(policy, now, command.Due, Calendar));
        S.Opened = true;
        AddTimeline(now, "Created", actor, $"{command.Title}; due {S.Due:O}; owner {command.Owner}; policy {policy.Id} v{policy.Version}"
            + (command.Source is { Length: > 0 } source ? $"; from {source}" : ""));
        if (command.Announce)
        {
            Notify(command.Owner, InboxKind.Task, $"{CaseId}:created", TaskMessages.Created(S, CaseId), now);
        }

        await CommitChange(now);
        return View(now);
    }

    public Task<TaskView> GetView()
    {
        RequireOpened();
        return Task.FromResult(View(Clock.GetUtcNow()));
    }

    public async Task<TaskView> Complete(Actor actor, string outcome)
    {
        await Execute(actor, now =>
        {
            RequireStatus("complete", WorkItemStatus.Open, WorkItemStatus.Snoozed);
            S.Clock = S.Clock.Resolve(now, Calendar);
            S.Status = WorkItemStatus.Done;
            S.Outcome = outcome;
            S.SnoozedUntil = null;
            S.UpdatedAt = now;
            AddTimeline(now, "Done", actor, outcome);
        });

        // Done with an outcome is contact with the client: it restarts the dormancy clock like any logged interaction.
        try
        {
            await GrainFactory.GetGrain<IClientGrain>(S.ClientId).LogInteraction(
                new Interaction(InteractionKind.Other, Clock.GetUtcNow(), actor.Id, $"{S.Title}: {outcome}"), actor);
        }
        catch (Exception ex)
        {
            CaseLog.InteractionFailed(Logger, ex, Noun, CaseId, S.ClientId);
        }

        return View(Clock.GetUtcNow());
    }

    public async Task<TaskView> Snooze(Actor actor, DateTimeOffset until, string? reason)
    {
        await Execute(actor, now =>
        {
            RequireStatus("snooze", WorkItemStatus.Open, WorkItemStatus.Snoozed);
            if (until <= now)
            {
                throw new DomainValidationException("until", "must be in the future.");
            }

            // A new due date starts the overdue ladder again: a new round, whose reminders are new messages.
            S.Round++;
            S.Fired.Clear();
            S.FiredLevel = 0;
            S.LevelFiredAt.Clear();
            S.BreachedAt = null;
            Schedule(now, until);
            S.Status = WorkItemStatus.Snoozed;
            S.SnoozedUntil = until;
            AddTimeline(now, "Snoozed", actor, $"until {until:O}{(reason is { Length: > 0 } ? ": " + reason : "")}");
        });
        return View(Clock.GetUtcNow());
    }

    public async Task<TaskView> Cancel(Actor actor, string reason)
    {
        await Execute(actor, now =>
        {
            RequireStatus("cancel", WorkItemStatus.Open, WorkItemStatus.Snoozed);
            S.Clock = S.Clock.Resolve(now, Calendar);
            S.Status = WorkItemStatus.Cancelled;
            S.SnoozedUntil = null;
            S.UpdatedAt = now;
            AddTimeline(now, "Cancelled", actor, reason);
        });
        return View(Clock.GetUtcNow());
    }

    public async Task<TaskView> Reassign(Actor actor, string from, string to, string? note)
    {
        RequireOpened();
        RequireStatus("reassign", WorkItemStatus.Open, WorkItemStatus.Snoozed);
        if (string.Equals(S.Assignee, to, StringComparison.Ordinal))
        {
            return View(Clock.GetUtcNow());
        }

        if (!string.Equals(S.Assignee, from, StringComparison.Ordinal))
        {
            throw new InvalidTransitionException($"Task '{CaseId}' is {S.Assignee}'s, not {from}'s.");
        }

        if (await GrainFactory.GetGrain<IEmployeeGrain>(to).GetProfile() is null)
        {
            throw new DomainValidationException("to", $"Employee '{to}' does not exist.");
        }

        // As a service request's assign does on the shared machinery: the ladder's targets follow the new owner, and
        // every message of the SLA not yet fired reads the owner and the targets when it fires.
        var targets = await escalationTargets.Resolve(S.BranchId, to);
        await Execute(actor, now =>
        {
            RequireStatus("reassign", WorkItemStatus.Open, WorkItemStatus.Snoozed);
            S.Assignee = to;
            S.Targets = targets;
            S.UpdatedAt = now;
            AddTimeline(now, "Assigned", actor, $"{from} → {to}{(note is { Length: > 0 } ? ": " + note : "")}");
        });
        return View(Clock.GetUtcNow());
    }

    protected override MessageText Message(SlaEvent e, string? assignee, (string Chinese, string English)? toRole) =>
        TaskMessages.For(e, S, CaseId, assignee, toRole);

    protected override void OnFired(SlaEvent e, DateTimeOffset now)
    {
        // The end of a snooze is the new due date: the task is open (and overdue) again.
        if (e.Kind == SlaEventKind.ResolutionBreach && S.Status == WorkItemStatus.Snoozed)
        {
            S.Status = WorkItemStatus.Open;
            S.SnoozedUntil = null;
        }

        S.UpdatedAt = now;
    }

    protected override InboxMessage Shape(InboxMessage message) => message with { TaskId = CaseId };

    protected override Task Publish(TaskRow row) => readModel.UpsertTask(row);

    protected override TaskRow Row(SlaEvaluation evaluation, DateTimeOffset now) =>
        new(
            CaseId, S.ClientId, S.BranchId, S.Assignee ?? "", S.Title, S.Category, S.Status, S.Due, IsOverdue(now),
            S.FiredLevel, S.CreatedAt, S.UpdatedAt > now ? S.UpdatedAt : now);

    private async Task<TaskClient> ClientOf(string clientId)
    {
        try
        {
            var view = await GrainFactory.GetGrain<IClientGrain>(clientId).GetView();
            return new TaskClient(view.Profile.Name, view.Profile.BranchId, view.Vip, view.Tier);
        }
        catch (EntityNotFoundException)
        {
            throw new DomainValidationException("clientId", $"Client '{clientId}' does not exist.");
        }
    }

    private void Schedule(DateTimeOffset now, DateTimeOffset due)
    {
        S.Due = due;
        S.Policy = TaskSchedule.Effective(S.CatalogPolicy, now, due, Calendar);
        S.Clock = TaskSchedule.Start(now);
        S.UpdatedAt = now;
    }

    private bool IsOverdue(DateTimeOffset now) => S.Status is WorkItemStatus.Open or WorkItemStatus.Snoozed && S.Due <= now;

    private TaskView View(DateTimeOffset now) => new(
        CaseId, S.ClientId, S.BranchId, S.Title, S.Category, S.Assignee ?? "", S.Status, S.Due, S.CreatedAt, IsOverdue(now),
        S.FiredLevel, S.Outcome, S.SnoozedUntil, S.CatalogPolicy.Id, S.CatalogPolicy.Version, S.Timeline.ToArray());

    private void RequireStatus(string action, params WorkItemStatus[] allowed)
    {
        if (!allowed.Contains(S.Status))
        {
            throw CannotWhile(action, S.Status);
        }
    }
}
