using WealthActors.Complaints;

namespace WealthActors.Testing.Contracts;

public abstract partial class ReadModelContractTests
{
    [Fact]
    public async Task TimelineHistory_AppendedEvents_ComeBackNewestFirstBelowTheGivenNumberOnce()
    {
        var at = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(8));
        var events = Enumerable.Range(0, 5)
            .Select(i => ((long)i, new TimelineEntry(at.AddMinutes(i), i == 0 ? "Opened" : "Note", "E1", i == 0 ? null : $"n{i}", "api:core")))
            .ToList();

        await Writer.AppendTimeline("TL-1", events[..3]);
        await Writer.AppendTimeline("TL-1", events[2..]);
        await Writer.AppendTimeline("TL-2", [(0L, events[0].Item2 with { By = "other" })]);

        var page = await Queries.TimelineHistory("TL-1", 4, 2);
        var all = await Queries.TimelineHistory("TL-1", long.MaxValue, 100);

        Assert.Equal([3L, 2L], page.Select(e => e.Seq));
        Assert.Equal(events.Select(e => e.Item1).Reverse(), all.Select(e => e.Seq));
        Assert.Equal(events[1].Item2, all.Single(e => e.Seq == 1).Entry);
        Assert.Null(all.Single(e => e.Seq == 0).Entry.Text);
    }
}
