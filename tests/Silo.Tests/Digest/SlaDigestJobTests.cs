using System.Net;
using Microsoft.Extensions.Time.Testing;
using WealthActors.Silo.Tests.Care;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Digest;

/// <summary>The <c>sla-digest</c> job through the admin endpoint, with its fire time taken from the care rules.</summary>
public sealed class SlaDigestJobTests
{
    [Fact]
    public async Task AdminRun_FireTimeFromTheCareRules_SendsTheDigestOnceAndOnlyWhenDue()
    {
        // 08:00 in Shanghai on 2026-12-01, before the default 09:00.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var api = ApiFactory.WithClock(clock);
        var seed = await CareSeed.Create(api, prefix: "DJ");

        var early = await seed.Run("sla-digest");
        Assert.Equal("sla-digest", early.Str("job"));
        Assert.Equal(0, early["created"]!.GetValue<int>());
        Assert.Empty(await seed.Keys(seed.BranchHead, "sla-digest"));

        await (await api.As("Admin").PutJson("/api/care-rules", new { rules = new Dictionary<string, object> { ["sla-digest"] = new { fireAt = "07:30" } } }))
            .Json(HttpStatusCode.OK);
        var due = await seed.Run("sla-digest");
        var again = await seed.Run("sla-digest");

        Assert.Equal(1, due["created"]!.GetValue<int>());
        Assert.Equal(0, again["created"]!.GetValue<int>());
        Assert.Equal([$"sla-digest:{seed.Branch}:2026-12-01"], await seed.Keys(seed.BranchHead, "sla-digest"));
        var digest = (await seed.Inbox(seed.BranchHead)).Single(m => m.Str("key").StartsWith("sla-digest:", StringComparison.Ordinal));
        Assert.Equal("Digest", digest.Str("kind"));
    }

    [Fact]
    public async Task AdminRun_DigestDisabledInTheCareRules_SendsNothing()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));
        await using var api = ApiFactory.WithClock(clock);
        var seed = await CareSeed.Create(api, prefix: "DK");
        await (await api.As("Admin").PutJson("/api/care-rules", new { rules = new Dictionary<string, object> { ["sla-digest"] = new { enabled = false } } }))
            .Json(HttpStatusCode.OK);

        var run = await seed.Run("sla-digest");

        Assert.Equal(0, run["created"]!.GetValue<int>());
        Assert.Empty(await seed.Keys(seed.BranchHead, "sla-digest"));
    }
}
