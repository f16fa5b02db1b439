using Microsoft.Extensions.Logging;
using WealthActors.Employees;
using WealthActors.Grains.Diagnostics;

namespace WealthActors.Grains.Complaints;

public sealed partial class ComplaintGrain
{
    /// <summary>
    /// Delivers recorded messages. The recipient de-duplicates by key, so a retry after a crash never shows a
    /// message twice; what fails stays in the outbox for the next tick or activation.
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
                LogDeliveryFailed(logger, ex, ComplaintId, entry.Message.Key, entry.EmployeeId);
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
                LogOutboxClearFailed(logger, ex, ComplaintId);
                DeactivateOnIdle();
            }
        }

        if (S.Outbox.Count > 0)
        {
            await ArmOutboxRetry();
        }
    }

    /// <summary>
    /// The next deadline can be hours away (a recipient's silo died just as the last escalation fired), so a failed
    /// delivery brings the deadline reminder forward to one retry period; that tick re-arms the real deadline.
    /// </summary>
    private async Task ArmOutboxRetry()
    {
        var retryAt = clock.GetUtcNow() + slaOptions.Value.ReminderRetryPeriod;
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
            LogOutboxRetryNotArmed(logger, ex, ComplaintId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {ComplaintId}: delivery of {Key} to {EmployeeId} failed; retried on the next tick")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string complaintId, string key, string employeeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {ComplaintId}: could not bring the retry of undelivered messages forward")]
    private static partial void LogOutboxRetryNotArmed(ILogger logger, Exception exception, string complaintId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {ComplaintId}: clearing the delivered outbox failed; duplicates will be dropped by the recipients")]
    private static partial void LogOutboxClearFailed(ILogger logger, Exception exception, string complaintId);
}
