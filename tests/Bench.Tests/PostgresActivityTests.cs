using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Tests;

/// <summary>The database server's work inside a window, from two snapshots of its statistics.</summary>
public sealed class PostgresActivityTests
{
    [Fact]
    public void DescribeSince_TwoSnapshots_GivesCommitsLogVolumeFlushesAndCheckpoints()
    {
        var start = new PostgresActivity(DateTimeOffset.UnixEpoch, 1_000, 5_000_000, 10, 900, 3, 1);
        var end = new PostgresActivity(DateTimeOffset.UnixEpoch.AddSeconds(100), 61_000, 305_000_000, 4_010, 20_900, 4, 3);

        Assert.Equal("60000 commits (600/s); write-ahead log 300 MB (3.0 MB/s) with 4000 full-page images, flushed 20000 times (200/s); " +
                     "checkpoints: 1 on the timer, 2 forced by the log's volume", end.DescribeSince(start));
    }
}
