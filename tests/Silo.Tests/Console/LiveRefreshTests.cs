using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.WebConsole;

namespace WealthActors.Silo.Tests.WebConsole;

/// <summary>A live page re-reads when this silo commits a complaint row, not only at its poll; a wave costs one re-read.</summary>
public sealed class LiveRefreshTests
{
    [Fact]
    public async Task ACommittedComplaint_ReReadsBeforeThePoll_AndAWaveIsGatheredIntoOneReRead()
    {
        var changes = new ReadModelChanges();
        var reads = 0;
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var live = LiveRefresh.Start(changes, work => work(), () =>
        {
            Interlocked.Increment(ref reads);
            firstRead.TrySetResult();
            return Task.CompletedTask;
        });

        for (var i = 0; i < 50; i++)
        {
            changes.ComplaintCommitted();
        }

        // Well before the poll would have come: the signal, not the timer, brought the re-read.
        await firstRead.Task.WaitAsync(LiveRefresh.Every - TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, Volatile.Read(ref reads));
    }
}
