using WealthActors.Complaints;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Apis;

/// <summary>A complaint's whole timeline a page at a time, as the API and the console both page it.</summary>
internal static class ComplaintTimeline
{
    /// <summary>
    /// Newest first: recent events from the grain's <paramref name="view"/>, older ones from the read model's history;
    /// <paramref name="before"/> is the <see cref="TimelinePage.Next"/> of the previous page.
    /// </summary>
    public static async Task<TimelinePage> Page(ComplaintView view, long? before, int limit, IReadModelQueries readModel)
    {
        var upTo = before ?? long.MaxValue;
        var page = view.Timeline
            .Select((entry, i) => new NumberedTimelineEntry(view.TimelineStart + i, entry))
            .Where(e => e.Seq < upTo)
            .Reverse()
            .Take(limit)
            .ToList();
        var olderThan = Math.Min(upTo, view.TimelineStart);
        if (page.Count < limit && olderThan > 0)
        {
            page.AddRange(await readModel.TimelineHistory(view.ComplaintId, olderThan, limit - page.Count));
        }

        var next = page.Count == limit && page[^1].Seq > 0 ? page[^1].Seq : (long?)null;
        return new TimelinePage([.. page.Select(TimelineItem.From)], next);
    }
}
