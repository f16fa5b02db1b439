using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.Org;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Cases;

/// <summary>
/// A case a client brings to the service desk (a complaint, a service request), on the shared case machinery: one
/// lifecycle (acknowledged, paused and resumed, resolved and reopened) and assignment to a colleague, each checked
/// against the status first. A kind of case adds its own commands and the view it answers with; each command here
/// returns the time it took effect at, for that view.
/// </summary>
public abstract class DeskCaseGrain<TState, TRow>(
    IPersistentState<TState> state,
    IBusinessCalendarProvider calendars,
    EscalationTargets escalationTargets,
    IOptions<SlaOptions> slaOptions,
    TimeProvider clock,
    ILogger logger) : CaseGrain<TState, TRow>(state, calendars, slaOptions, clock, logger)
    where TState : class, IDeskCase
    where TRow : class
{
    protected EscalationTargets EscalationTargets => escalationTargets;

    protected Task<DateTimeOffset> AcknowledgeCase(Actor actor, string? text) => Execute(actor, now =>
    {
        RequireStatus("acknowledge", DeskStatus.Open);
        S.Clock = S.Clock.Respond(now);
        S.Status = DeskStatus.Acknowledged;
        AddTimeline(now, "Acknowledged", actor, text);
    });

    protected Task<DateTimeOffset> NoteCase(Actor actor, string text) => Execute(actor, now => AddTimeline(now, "Note", actor, text));

    protected Task<DateTimeOffset> PauseCase(Actor actor, string reason) => Execute(actor, now =>
    {
        RequireStatus("pause", DeskStatus.Open, DeskStatus.Acknowledged);
        S.Clock = S.Clock.Pause(now, Calendar);
        S.StatusBeforePause = S.Status;
        S.Status = DeskStatus.Paused;
        AddTimeline(now, "Paused", actor, reason);
    });

    protected Task<DateTimeOffset> ResumeCase(Actor actor, string? text) => Execute(actor, now =>
    {
        RequireStatus("resume", DeskStatus.Paused);
        S.Clock = S.Clock.Resume(now);
        S.Status = S.StatusBeforePause;
        AddTimeline(now, "Resumed", actor, text);
    });

    protected async Task<DateTimeOffset> AssignCase(Actor actor, string employeeId, string? text)
    {
        RequireOpened();
        RequireStatus("assign", DeskStatus.Open, DeskStatus.Acknowledged, DeskStatus.Paused);
        if (string.Equals(S.Assignee, employeeId, StringComparison.Ordinal))
        {
            throw new InvalidTransitionException($"{Noun} '{CaseId}' is already assigned to '{employeeId}'.");
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

    protected Task<DateTimeOffset> ResolveCase(Actor actor, string text) => Execute(actor, now =>
    {
        RequireStatus("resolve", DeskStatus.Open, DeskStatus.Acknowledged, DeskStatus.Paused);
        var running = S.Clock.IsRunning ? S.Clock : S.Clock.Resume(now);
        S.Clock = running.Respond(now).Resolve(now, Calendar);
        S.Status = DeskStatus.Resolved;
        AddTimeline(now, "Resolved", actor, text);
    });

    protected Task<DateTimeOffset> ReopenCase(Actor actor, string reason) => Execute(actor, now =>
    {
        RequireStatus("reopen", DeskStatus.Resolved);
        S.Clock = S.Clock.Reopen(now);
        S.Status = DeskStatus.Acknowledged;
        AddTimeline(now, "Reopened", actor, reason);
    });

    /// <summary>The client a new case is for, as its grain has it; a client that does not exist is the caller's mistake.</summary>
    protected async Task<ClientView> ClientOf(string clientId)
    {
        try
        {
            return await GrainFactory.GetGrain<IClientGrain>(clientId).GetView();
        }
        catch (EntityNotFoundException)
        {
            throw new DomainValidationException("clientId", $"Client '{clientId}' does not exist.");
        }
    }

    protected void RequireStatus(string action, params DeskStatus[] allowed)
    {
        if (!allowed.Contains(S.Status))
        {
            throw CannotWhile(action, S.Status);
        }
    }
}
