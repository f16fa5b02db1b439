using WealthActors.Complaints;
using WealthActors.Grains.Complaints;
using WealthActors.Grains.Tests.Infrastructure;

namespace WealthActors.Grains.Tests.Complaints;

/// <summary>A long-running case keeps its whole timeline: the grain keeps the recent part, the read model the rest.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ComplaintTimelineTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ManyEvents_OldestMoveToTheHistory_NoneLostNoneTwice()
    {
        var org = await TestOrg.Create(fixture.Grains);
        var id = $"CMP-TL-{Guid.NewGuid():N}";
        await org.OpenVipComplaint(fixture.Grains, id);
        var complaint = fixture.Grains.GetGrain<IComplaintGrain>(id);
        var advisor = Actor.Employee(org.Advisor, "tests");
        const int notes = ComplaintGrain.TimelineLimit + (2 * ComplaintGrain.TimelineArchiveChunk) + 7;

        for (var i = 0; i < notes; i++)
        {
            await complaint.AddNote(advisor, $"note {i}");
        }

        var view = await complaint.GetView();
        var archived = fixture.ReadModel.Timelines.GetValueOrDefault(id) ?? new();
        Assert.InRange(view.Timeline.Count, ComplaintGrain.TimelineLimit, ComplaintGrain.TimelineLimit + ComplaintGrain.TimelineArchiveChunk);
        Assert.Equal(view.TimelineStart, archived.Count);
        var whole = archived.OrderBy(e => e.Key).Select(e => e.Value)
            .Concat(view.Timeline).ToList();
        Assert.Equal("Opened", whole[0].Kind);
        Assert.Equal(Enumerable.Range(0, notes).Select(i => $"note {i}"), whole.Where(e => e.Kind == "Note").Select(e => e.Text));
    }
}
