using Microsoft.Extensions.Logging;
using WealthActors.Clients;
using WealthActors.Grains.Notifications;
using WealthActors.Notifications;
using WealthActors.Sla;

namespace WealthActors.Grains.Cases;

/// <summary>
/// Progress updates to the client, for the kinds of case a client brings (complaints, service requests): a command that
/// acknowledges, extends the regulatory deadline or resolves the case records the message owed in the same state write
/// as the change (like the outbox of escalations), and the grain hands it to the client-update grain of its key after
/// the write, until that grain holds it. What the message became is written back on the timeline
/// (<see cref="RecordClientUpdate"/>).
/// </summary>
public abstract partial class CaseGrain<TState, TRow>
{
    internal const string ClientUpdateTimelineKind = "ClientUpdate";

    /// <summary>The kind of case its client is told about; null when the client is not told (a task is internal work).</summary>
    protected virtual CaseKind? ToldToClientAs => null;

    /// <summary>How many events the case has recorded since it opened, old ones moved to a history included.</summary>
    protected virtual long TimelineLength => S.Timeline.Count;

    private (bool Responded, bool Resolved, bool Extended) ClientUpdateSnapshot() =>
        (S.Clock.HasResponded, S.Clock.IsResolved, S.Clock.RegulatoryExtended);

    /// <summary>Queues what the change since <paramref name="before"/> owes the client; part of the command's state write.</summary>
    private void QueueClientUpdates((bool Responded, bool Resolved, bool Extended) before, DateTimeOffset now)
    {
        if (ToldToClientAs is not { } kind)
        {
            return;
        }

        // A case resolved at once answers the client with its resolution alone.
        if (!before.Responded && S.Clock.HasResponded && !S.Clock.IsResolved)
        {
            QueueClientUpdate(kind, ClientUpdateKind.Acknowledged, now, null);
        }

        if (!before.Extended && S.Clock.RegulatoryExtended)
        {
            QueueClientUpdate(kind, ClientUpdateKind.DeadlineExtended, now, Evaluate(now).RegulatoryDue);
        }

        if (!before.Resolved && S.Clock.IsResolved)
        {
            QueueClientUpdate(kind, ClientUpdateKind.Resolved, now, null);
        }
    }

    private void QueueClientUpdate(CaseKind caseKind, ClientUpdateKind kind, DateTimeOffset now, DateTimeOffset? regulatoryDue)
    {
        // Numbered by the timeline's length, so a case resolved, reopened and resolved again tells the client twice.
        // Chained to the one before, so the client hears of the changes in the order they were made.
        var key = $"{CaseId}:{kind}:{TimelineLength}";
        (S.ClientUpdates ??= []).Add(new ClientUpdateRequest(
            key, CaseId, S.ClientId, kind, ClientUpdateTexts.For(kind, caseKind, CaseId, regulatoryDue), now, caseKind, S.LastClientUpdateKey));
        S.LastClientUpdateKey = key;
    }

    /// <summary>Hands queued updates over; one the client-update grain did not take stays queued for the next commit.</summary>
    private async Task HandOffClientUpdates()
    {
        if (S.ClientUpdates is not { Count: > 0 } queued)
        {
            return;
        }

        var handed = new List<ClientUpdateRequest>();
        foreach (var request in queued)
        {
            try
            {
                // Most clients have not consented: nothing is owed, so no update grain is made to record that (its
                // activation and state write cost more than the command that owed the update). The update grain asks
                // again when it is made, for a consent withdrawn in between.
                if (await GrainFactory.GetGrain<IClientGrain>(request.ClientId).ConsentsToUpdates() != false)
                {
                    await GrainFactory.GetGrain<IClientUpdateGrain>(request.Key).Submit(request);
                }

                handed.Add(request);
            }
            catch (Exception ex)
            {
                LogClientUpdateHandOffFailed(Logger, ex, Noun, CaseId, request.Key);
            }
        }

        if (handed.Count == 0)
        {
            await ArmOutboxRetry();
            return;
        }

        // Cleared in memory; the case's next write stores it. Until then a new activation hands them over again,
        // which their grains ignore: each takes its key once. No write of its own, so a command costs what it did.
        queued.RemoveAll(handed.Contains);
        if (queued.Count == 0)
        {
            S.ClientUpdates = null;
        }
    }

    public async Task RecordClientUpdate(ClientUpdateOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var marker = $"[{outcome.Key}]";
        if (S.Timeline.Any(e => e.Kind == ClientUpdateTimelineKind && e.Text?.StartsWith(marker, StringComparison.Ordinal) == true))
        {
            return;
        }

        var text = outcome.Status switch
        {
            ClientUpdateStatus.Sent => $"{marker} 已通过 {outcome.Channel} 告知客户 told the client by {outcome.Channel}: {outcome.Detail}",
            ClientUpdateStatus.Refused => $"{marker} {outcome.Channel} 拒收，未告知客户 refused by {outcome.Channel}: {outcome.Detail}",
            _ => $"{marker} 未告知客户 not told: {outcome.Detail}",
        };
        await Execute(Actor.System("client-updates"), now => AddTimeline(now, ClientUpdateTimelineKind, "client-updates", text));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Noun} {CaseId}: handing client update {Key} over failed; retried on the next commit")]
    private static partial void LogClientUpdateHandOffFailed(ILogger logger, Exception exception, string noun, string caseId, string key);
}
