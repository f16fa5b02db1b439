using System.Diagnostics;
using WealthActors.Grains.Diagnostics;

namespace WealthActors.Silo.Storage;

/// <summary>
/// Group commit across grains. While one batch is being written, new writes queue, and the next batch takes them all
/// in one transaction: in a wave of escalations or commands, many writes share one commit (one log flush) instead of
/// paying one each, while a lone write still goes at once. A caller's task completes when its own write is committed,
/// so a write is as durable when it returns as it was when written alone.
/// </summary>
/// <remarks>Thread-safe: grains on every scheduler thread write through one instance.</remarks>
/// <param name="writeBatch">Writes the batch in one transaction and returns one result per write, in order.</param>
/// <param name="spanName">
/// When given, each batch is a span of its own (<see cref="WealthActorsTracing"/>) linked to the span of every write it
/// carries: a batch serves many traces, so it is the child of none of them, and what it runs (the database driver's
/// command) is its child.
/// </param>
internal sealed class WriteBatcher<TWrite, TResult>(
    Func<IReadOnlyList<TWrite>, Task<IReadOnlyList<TResult>>> writeBatch, int maxBatch = 256, string? spanName = null)
{
    private readonly Lock _lock = new();
    private List<Pending> _queued = [];
    private bool _writing;

    public Task<TResult> Enqueue(TWrite write, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(write, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), Activity.Current?.Context ?? default);
        bool start;
        lock (_lock)
        {
            _queued.Add(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            // On the thread pool: started inline, the loop's continuations would run on the calling grain's scheduler.
            // Without the caller's execution context: the loop writes every caller's batches, not this caller's work
            // (its trace would otherwise claim the batches written long after it was answered).
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(WriteLoop, CancellationToken.None);
            }
        }

        // A cancelled caller stops waiting; its write, already queued, still goes with its batch.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoop()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_lock)
            {
                if (_queued.Count == 0)
                {
                    _writing = false;
                    return;
                }

                if (_queued.Count <= maxBatch)
                {
                    batch = _queued;
                    _queued = [];
                }
                else
                {
                    batch = _queued[..maxBatch];
                    _queued.RemoveRange(0, maxBatch);
                }
            }

            await Write(batch);
        }
    }

    private async Task Write(List<Pending> batch)
    {
        using var activity = spanName is not null && WealthActorsTracing.Source.HasListeners() ? StartBatchSpan(spanName, batch) : null;
        try
        {
            var results = await writeBatch(batch.ConvertAll(p => p.Write));
            if (results.Count != batch.Count)
            {
                throw new InvalidOperationException($"A batch of {batch.Count} writes returned {results.Count} results.");
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.SetResult(results[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // The batch is one transaction, so nothing of it was kept. One bad row must not fail the others: each is
            // written again alone and its caller gets its own outcome.
            foreach (var pending in batch)
            {
                try
                {
                    pending.Done.SetResult((await writeBatch([pending.Write]))[0]);
                }
                catch (Exception alone)
                {
                    pending.Done.SetException(alone);
                }
            }
        }
        catch (Exception ex)
        {
            batch[0].Done.SetException(ex);
        }
    }

    private static Activity? StartBatchSpan(string name, List<Pending> batch)
    {
        var links = batch.Where(p => p.Caller != default).Select(p => new ActivityLink(p.Caller)).ToList();
        var activity = WealthActorsTracing.Source.StartActivity(name, ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag("wealthactors.batch.size", batch.Count);
        return activity;
    }

    /// <param name="Caller">The span the write was queued from (default: none), which the batch's span links to.</param>
    private sealed record Pending(TWrite Write, TaskCompletionSource<TResult> Done, ActivityContext Caller);
}
