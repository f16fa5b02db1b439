using WealthActors.Employees;
using WealthActors.Grains.Complaints;
using WealthActors.Grains.Diagnostics;

namespace WealthActors.Grains.Cases;

public abstract partial class CaseGrain<TState, TRow>
{
    /// <summary>
    /// Delivers recorded messages. The recipient de-duplicates by key, so a retry after a crash never shows a message
    /// twice; what fails stays in the outbox for the next tick or activation.
    /// </summary>
    private async Task DeliverOutbox()
    {
        await HandOffClientUpdates();
        if (S.Outbox.Count == 0)
        {
            return;
        }

        var delivered = new List<OutboxEntry>();
        foreach (var entry in S.Outbox)
        {
            try
            {
                await GrainFactory.GetGrain<IEmployeeGrain>(entry.EmployeeId).Deliver(entry.Message);
                delivered.Add(entry);
            }
            catch (Exception ex)
            {
                WealthActorsMetrics.DeliveryFailed(entry.Message.Kind);
                CaseLog.DeliveryFailed(Logger, ex, Noun, CaseId, entry.Message.Key, entry.EmployeeId);
            }
        }

        if (delivered.Count > 0)
        {
            S.Outbox.RemoveAll(delivered.Contains);
            try
            {
                await state.WriteStateAsync();
            }
            catch (Exception ex)
            {
                // Harmless: the entries are delivered again later and the recipients drop the duplicates.
                CaseLog.OutboxClearFailed(Logger, ex, Noun, CaseId);
                DeactivateOnIdle();
            }
        }

        if (S.Outbox.Count > 0)
        {
            await ArmOutboxRetry();
        }
    }

    /// <summary>Sends a message outside the ladder (a task handed to its owner) through the same outbox.</summary>
    protected void Notify(string employeeId, InboxKind kind, string key, MessageText text, DateTimeOffset now) =>
        S.Outbox.Add(CaseStep.Entry(S, Voice, employeeId, kind, key, text, now));

    /// <summary>
    /// The next deadline can be hours away (a recipient's silo died just as the last escalation fired), so a failed
    /// delivery brings the deadline reminder forward to one retry period; that tick re-arms the real deadline.
    /// </summary>
    private async Task ArmOutboxRetry()
    {
        var retryAt = Clock.GetUtcNow() + slaOptions.Value.ReminderRetryPeriod;
        if (S.ArmedDeadline is { } armed && armed <= retryAt)
        {
            return;
        }

        try
        {
            await InSequence(() => Register(retryAt));
            S.ArmedDeadline = retryAt;
        }
        catch (Exception ex)
        {
            // The state is already committed; activation retries the outbox as well.
            CaseLog.OutboxRetryNotArmed(Logger, ex, Noun, CaseId);
        }
    }
}
