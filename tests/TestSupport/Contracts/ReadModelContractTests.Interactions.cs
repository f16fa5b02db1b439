using WealthActors.Clients;
using WealthActors.ReadModel;

namespace WealthActors.Testing.Contracts;

public abstract partial class ReadModelContractTests
{
    [Fact]
    public async Task InteractionHistory_PublishedWithClientRows_PagesNewestFirstOnceEach()
    {
        var at = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(8));
        // Two share an instant (ordered by number), one was logged late for an earlier contact.
        var rows = new[]
        {
            new InteractionRow(0, InteractionKind.Call, at, "E1", "第一次 first"),
            new InteractionRow(1, InteractionKind.Meeting, at.AddMinutes(5), "E1", "second"),
            new InteractionRow(2, InteractionKind.Message, at.AddMinutes(5), "E2", "third"),
            new InteractionRow(3, InteractionKind.Call, at.AddMinutes(-60), "E1", "backdated"),
            new InteractionRow(4, InteractionKind.Visit, at.AddMinutes(9).AddTicks(3), "E1", "fifth"),
        };
        await Writer.UpsertClient(Client("CI-1", "Hist") with { NewInteractions = rows[..3] });
        // A repeat of what was published (after a crash) and the rest, with an older client row that loses.
        await Writer.UpsertClient(Client("CI-1", "Hist") with { UpdatedAt = Now.AddMinutes(-1), NewInteractions = rows[2..] });
        await Writer.UpsertClient(Client("CI-2", "Other") with { NewInteractions = [rows[0] with { Note = "other client" }] });

        var first = await Queries.InteractionHistory("CI-1", null, 2);
        var second = await Queries.InteractionHistory("CI-1", InteractionCursor.After(first[^1]), 2);
        var third = await Queries.InteractionHistory("CI-1", InteractionCursor.After(second[^1]), 2);

        Assert.Equal([4L, 2L], first.Select(r => r.Seq));
        Assert.Equal([1L, 0L], second.Select(r => r.Seq));
        Assert.Equal([3L], third.Select(r => r.Seq));
        var all = await Queries.InteractionHistory("CI-1", null, 100);
        Assert.Equal(5, all.Count);
        Assert.Equal(rows[1] with { At = rows[1].At.ToUniversalTime() }, all.Single(r => r.Seq == 1));
        Assert.Equal(rows[4].At.UtcTicks / 10, all.Single(r => r.Seq == 4).At.UtcTicks / 10);
        Assert.Equal("other client", Assert.Single(await Queries.InteractionHistory("CI-2", null, 10)).Note);
        Assert.Equal("Hist", Assert.Single(await Queries.SearchClients("CI-1", 10)).Name);
    }

    [Fact]
    public async Task ClientIdsOfAdvisor_PagesTheAdvisorsClientsInIdOrder()
    {
        foreach (var id in new[] { "CA-3", "CA-1", "CA-2", "CA-4" })
        {
            await Writer.UpsertClient(Client(id, "Book") with { AdvisorId = id == "CA-4" ? "ADV-OTHER" : "ADV-1" });
        }

        var first = await Queries.ClientIdsOfAdvisor("ADV-1", null, 2);
        var second = await Queries.ClientIdsOfAdvisor("ADV-1", first[^1], 2);

        Assert.Equal(["CA-1", "CA-2"], first);
        Assert.Equal(["CA-3"], second);
        Assert.Empty(await Queries.ClientIdsOfAdvisor("ADV-NONE", null, 10));
    }
}
