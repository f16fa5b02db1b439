using System.Collections.Concurrent;
using System.Diagnostics;
using WealthActors.Grains.Diagnostics;
using WealthActors.Silo.Storage;

namespace WealthActors.Silo.Tests.Storage;

/// <summary>Group commit across callers: who shares a batch, what each caller gets back, and who hears of a failure.</summary>
public sealed class WriteBatcherTests
{
    private readonly List<string[]> _batches = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task Write(IReadOnlyList<string> rows)
    {
        lock (_lock)
        {
            _batches.Add([.. rows]);
        }

        await _gate.Task;
        if (rows.Contains("bad"))
        {
            throw new InvalidOperationException("constraint violated by 'bad'");
        }
    }

    // Writes that return nothing: each caller hears only that its write committed.
    private static WriteBatcher<string, bool> Batcher(Func<IReadOnlyList<string>, Task> write, int maxBatch = 256) =>
        new(async rows =>
        {
            await write(rows);
            return Enumerable.Repeat(true, rows.Count).ToArray();
        }, maxBatch);

    [Fact]
    public async Task Enqueue_Alone_WritesAtOnce()
    {
        _gate.SetResult();
        var batcher = Batcher(Write);

        await batcher.Enqueue("a").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["a"], Assert.Single(_batches));
    }

    [Fact]
    public async Task Enqueue_WhileAWriteIsInFlight_AllWaitingWritesShareTheNextBatch()
    {
        var batcher = Batcher(Write);
        var first = batcher.Enqueue("first");
        await WaitForBatches(1);

        var queued = Enumerable.Range(0, 50).Select(i => batcher.Enqueue($"row{i}")).ToArray();
        Assert.False(queued.Any(t => t.IsCompleted), "nothing is committed before its batch is");
        _gate.SetResult();
        await Task.WhenAll(queued.Append(first)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, _batches.Count);
        Assert.Equal(["first"], _batches[0]);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"row{i}"), _batches[1]);
    }

    [Fact]
    public async Task Enqueue_MoreThanTheBatchLimit_SplitsIntoBatchesOfAtMostTheLimit()
    {
        var batcher = Batcher(Write, maxBatch: 4);
        var first = batcher.Enqueue("first");
        await WaitForBatches(1);
        var queued = Enumerable.Range(0, 10).Select(i => batcher.Enqueue($"row{i}")).ToArray();
        _gate.SetResult();
        await Task.WhenAll(queued.Append(first)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 4, 4, 2], _batches.Select(b => b.Length));
    }

    [Fact]
    public async Task Enqueue_OneBadRowInABatch_FailsOnlyThatCaller()
    {
        var batcher = Batcher(Write);
        var first = batcher.Enqueue("first");
        await WaitForBatches(1);
        var good1 = batcher.Enqueue("good1");
        var bad = batcher.Enqueue("bad");
        var good2 = batcher.Enqueue("good2");
        _gate.SetResult();

        await Task.WhenAll(first, good1, good2).WaitAsync(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("'bad'", error.Message, StringComparison.Ordinal);
        // The failed batch, then each of its rows again on its own.
        Assert.Equal([["first"], ["good1", "bad", "good2"], ["good1"], ["bad"], ["good2"]], _batches);
    }

    [Fact]
    public async Task Enqueue_AfterAFailedLoneWrite_StillWrites()
    {
        _gate.SetResult();
        var batcher = Batcher(Write);

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.Enqueue("bad").WaitAsync(TimeSpan.FromSeconds(10)));
        await batcher.Enqueue("good").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([["bad"], ["good"]], _batches);
    }

    [Fact]
    public async Task Enqueue_WithResults_EachCallerGetsTheResultOfItsOwnWrite()
    {
        var batcher = new WriteBatcher<string, string>(async rows =>
        {
            await Write(rows);
            return rows.Select(row => row.ToUpperInvariant()).ToArray();
        });
        var first = batcher.Enqueue("first");
        await WaitForBatches(1);
        var queued = Enumerable.Range(0, 20).Select(i => batcher.Enqueue($"row{i}")).ToArray();
        var bad = batcher.Enqueue("bad");
        _gate.SetResult();

        Assert.Equal("FIRST", await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"ROW{i}"), await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Enqueue_BatchReturningTooFewResults_FailsItsCallersInsteadOfGuessing()
    {
        _gate.SetResult();
        var batcher = new WriteBatcher<string, int>(rows => Task.FromResult<IReadOnlyList<int>>([]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.Enqueue("a").WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Enqueue_WhenTraced_EachBatchIsASpanOfItsOwnLinkedToTheSpansOfItsWrites()
    {
        var spanName = $"test batch {Guid.NewGuid():N}";
        using var writers = new ActivitySource($"WealthActors.Tests.Writers.{Guid.NewGuid():N}");
        var batches = new ConcurrentQueue<Activity>();
        using var listener = Listen(writers, batches, spanName);
        var currentInBatch = new ConcurrentQueue<ActivityContext?>();
        var batcher = new WriteBatcher<string, string>(async rows =>
        {
            currentInBatch.Enqueue(Activity.Current?.Context);
            await Write(rows);
            return [.. rows];
        }, spanName: spanName);

        var (first, firstWriter) = EnqueueIn(writers, r => batcher.Enqueue(r), "first");
        await WaitForBatches(1);
        var (second, secondWriter) = EnqueueIn(writers, r => batcher.Enqueue(r), "second");
        var (third, thirdWriter) = EnqueueIn(writers, r => batcher.Enqueue(r), "third");
        _gate.SetResult();
        await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(10));
        // A batch's span ends once its callers have been answered.
        await Eventually.Until(() => Task.FromResult(batches.Count), n => n == 2, "both batch spans to end");

        // Both batches are roots, each linked to the writes it carried: the second is not a late child of the write that
        // started the loop.
        Assert.Collection(
            batches,
            batch => Assert.Equal([firstWriter], batch.Links.Select(l => l.Context)),
            batch => Assert.Equal([secondWriter, thirdWriter], batch.Links.Select(l => l.Context)));
        Assert.All(batches, batch => Assert.Equal(default, batch.ParentSpanId));
        Assert.Equal([1, 2], batches.Select(b => (int)b.GetTagItem("wealthactors.batch.size")!));
        // What a batch runs (the driver's command) is the batch's child.
        Assert.Equal(batches.Select(b => (ActivityContext?)b.Context), currentInBatch);
    }

    [Fact]
    public async Task Enqueue_FromWithinASpan_TheBatchDoesNotRunInTheCallersTrace()
    {
        using var writers = new ActivitySource($"WealthActors.Tests.Writers.{Guid.NewGuid():N}");
        using var listener = Listen(writers, new ConcurrentQueue<Activity>(), spanName: "none");
        ActivityContext? currentInBatch = null;
        var batcher = Batcher(async rows =>
        {
            currentInBatch = Activity.Current?.Context;
            await Write(rows);
        });
        _gate.SetResult();

        var (write, writer) = EnqueueIn(writers, r => batcher.Enqueue(r), "a");
        await write.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(default, writer);
        Assert.Null(currentInBatch);
    }

    private static (Task Write, ActivityContext Writer) EnqueueIn(ActivitySource writers, Func<string, Task> enqueue, string row)
    {
        using var writer = writers.StartActivity($"write {row}")!;
        return (enqueue(row), writer.Context);
    }

    /// <summary>Records the writers' spans and the service's, keeping the stopped batch spans named <paramref name="spanName"/>.</summary>
    private static ActivityListener Listen(ActivitySource writers, ConcurrentQueue<Activity> batches, string spanName)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source == writers || source.Name == WealthActorsTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.DisplayName == spanName)
                {
                    batches.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private Task WaitForBatches(int count) => Eventually.Until(
        () =>
        {
            lock (_lock)
            {
                return Task.FromResult(_batches.Count);
            }
        },
        started => started >= count, $"{count} batches to start");
}
