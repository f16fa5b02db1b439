using Microsoft.Extensions.Logging;
using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.Sla;
using WealthActors.ReadModel;

namespace WealthActors.Grains.Complaints;

public sealed partial class ComplaintGrain
{
    private ComplaintView View(DateTimeOffset now)
    {
        var evaluation = Evaluate(now);
        var escalations = S.Policy.Escalations
            .Select((step, index) => new EscalationPlan(
                Level: index + 1,
                Due: evaluation.EscalationDue.ElementAtOrDefault(index),
                ToRole: step.ToRole,
                ToEmployeeId: S.Targets.GetValueOrDefault(step.ToRole),
                FiredAt: S.LevelFiredAt.TryGetValue(index + 1, out var firedAt) ? firedAt : null))
            .ToArray();
        return new ComplaintView(
            CaseId, S.ClientId, S.BranchId, S.Category, S.Severity, S.Channel, S.Description, S.Status, S.Assignee,
            evaluation.State, S.FiredLevel, S.Policy.Id, S.Policy.Version, S.Clock.ReceivedAt,
            evaluation.FirstResponseDue, evaluation.ResolutionDue, evaluation.RegulatoryDue, escalations,
            S.Timeline.ToArray(), S.TimelineStart);
    }

    protected override ComplaintRow Row(SlaEvaluation evaluation, DateTimeOffset now) => new(
        CaseId, S.ClientId, S.BranchId, S.Assignee, S.Status, evaluation.State, S.Severity, S.Category,
        S.FiredLevel, S.Clock.ReceivedAt, evaluation.NextDeadline, evaluation.ResolutionDue, now,
        CalendarId: CalendarId,
        BreachedAt: S.BreachedAt,
        LastEscalatedAt: S.LevelFiredAt.Count > 0 ? S.LevelFiredAt.Values.Max() : null,
        AwaitedCalendarId: AwaitedCalendarId,
        Channel: S.Channel,
        RespondedAt: S.Clock.RespondedAt,
        ResolvedAt: S.Clock.ResolvedAt,
        FirstResponseMinutes: S.Clock.ElapsedAtResponse(Calendar) is { } toResponse ? (int)Math.Round(toResponse.TotalMinutes) : null,
        FirstResponseMet: SlaEvaluator.FirstResponseMet(S.Policy, S.Clock, Calendar),
        // A resolved case's state is Met or Breached: every target counted to the resolution, the regulatory one too.
        ResolutionMet: S.Clock.IsResolved ? evaluation.State == SlaState.Met : null);

    protected override Task Publish(ComplaintRow row) => readModel.UpsertComplaint(row);

    protected override MessageText Message(SlaEvent e, string? assignee, (string Chinese, string English)? toRole) =>
        ComplaintMessages.For(e, S, CaseId, assignee, toRole);

    protected override InboxMessage Shape(InboxMessage message) => message with { ComplaintId = CaseId };
}
