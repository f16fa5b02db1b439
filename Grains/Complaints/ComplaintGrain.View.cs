using Microsoft.Extensions.Logging;
using WealthActors.Complaints;
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
            ComplaintId, S.ClientId, S.BranchId, S.Category, S.Severity, S.Channel, S.Description, S.Status, S.Assignee,
            evaluation.State, S.FiredLevel, S.Policy.Id, S.Policy.Version, S.Clock.ReceivedAt,
            evaluation.FirstResponseDue, evaluation.ResolutionDue, evaluation.RegulatoryDue, escalations,
            S.Timeline.ToArray(), S.TimelineStart);
    }

    private ComplaintRow Row(SlaEvaluation evaluation, DateTimeOffset now) => new(
        ComplaintId, S.ClientId, S.BranchId, S.Assignee, S.Status, evaluation.State, S.Severity, S.Category,
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

    /// <summary>Publishes the row that storage did not commit with the state (see <see cref="IProjectedState"/>).</summary>
    private async Task Project(ComplaintRow row)
    {
        try
        {
            await readModel.UpsertComplaint(row);
        }
        catch (Exception ex)
        {
            // The grain is the source of truth; the next command or tick publishes again.
            LogProjectionFailed(logger, ex, ComplaintId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {ComplaintId}: read-model projection failed")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string complaintId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {ComplaintId}: linking to client {ClientId} failed")]
    private static partial void LogClientLinkFailed(ILogger logger, Exception exception, string complaintId, string clientId);
}
