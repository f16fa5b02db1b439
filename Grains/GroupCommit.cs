namespace WealthActors.Grains;

/// <summary>
/// Group commit for one grain's state. A request made while a write is in flight is served by the next write, together
/// with every other request made meanwhile, so a grain that many callers reach at once (a branch head in a wave of
/// escalations) commits a few times instead of once per caller, and no caller waits behind a queue of writes.
/// </summary>
/// <remarks>
/// Each write stores the whole state as it is when the write starts, and a caller changes the state before it asks, so
/// its change is durable once its task completes. Runs on the grain's scheduler, one turn at a time: no locks.
/// </remarks>
public sealed class GroupCommit(Func<Task> write)
{
    private TaskCompletionSource? _queued;
    private Task _latest = Task.CompletedTask;
    private bool _writing;

    /// <summary>Completes when every write requested so far has finished; faults when the latest of them failed.</summary>
    public Task Settled => _latest;

    /// <summary>Completes once a write that started after this call has finished; faults with that write.</summary>
    public Task Request()
    {
        if (_writing)
        {
            _queued ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _latest = _queued.Task;
        }

        _writing = true;
        var batch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _latest = batch.Task;
        // The first write starts in this call, so it sees the state exactly as the caller left it.
        _ = WriteBatches(batch);
        return batch.Task;
    }

    private async Task WriteBatches(TaskCompletionSource? batch)
    {
        while (batch is not null)
        {
            try
            {
                await write();
                batch.SetResult();
            }
            catch (Exception ex)
            {
                batch.SetException(ex);
            }

            batch = _queued;
            _queued = null;
        }

        _writing = false;
    }
}
