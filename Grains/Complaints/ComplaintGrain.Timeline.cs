using Microsoft.Extensions.Logging;

namespace WealthActors.Grains.Complaints;

public sealed partial class ComplaintGrain
{
    /// <summary>Events kept in grain state, which is written whole on every command.</summary>
    internal const int TimelineLimit = 200;

    /// <summary>How many events beyond the limit wait before they move together, so most commands write no history.</summary>
    internal const int TimelineArchiveChunk = 50;

    /// <summary>
    /// Moves the oldest events to the read model's timeline history once the state holds more than
    /// <see cref="TimelineLimit"/> plus a chunk, so a long-running case keeps its whole history without its state
    /// growing. The events leave the state only after the history holds them (numbered, so a repeat after a crash
    /// overwrites the same rows); a failed append keeps them in state for the next commit.
    /// </summary>
    protected override async Task AfterCommit()
    {
        var excess = S.Timeline.Count - TimelineLimit;
        if (excess < TimelineArchiveChunk)
        {
            return;
        }

        var alreadyArchived = (int)Math.Max(0, S.TimelineArchived - S.TimelineStart);
        var moving = S.Timeline.Skip(alreadyArchived).Take(excess - alreadyArchived)
            .Select((entry, i) => (S.TimelineStart + alreadyArchived + i, entry))
            .ToList();
        try
        {
            if (moving.Count > 0)
            {
                await readModel.AppendTimeline(CaseId, moving);
            }
        }
        catch (Exception ex)
        {
            LogTimelineArchiveFailed(Logger, ex, CaseId, moving.Count);
            return;
        }

        // In memory until the next write; a crash before it only repeats the append.
        S.TimelineArchived = S.TimelineStart + excess;
        S.Timeline.RemoveRange(0, excess);
        S.TimelineStart += excess;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {ComplaintId}: moving {Count} timeline events to the history failed; they stay in state")]
    private static partial void LogTimelineArchiveFailed(ILogger logger, Exception exception, string complaintId, int count);
}
