using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// Re-reads a page's data on the server while the page is open, and shows what changed: at once (after a short pause
/// that gathers a wave of changes into one re-read) when this silo commits a complaint's read-model row, and every few
/// seconds in any case, for what another silo of a cluster wrote and for what no row records (a deadline drawing near).
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(3);

    /// <summary>How long a re-read waits after a change for the changes that come with it (an escalation wave).</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The least time between two re-reads of one page, so a long wave of changes costs an open board two re-reads a
    /// second at most, while a change still shows within about a second.
    /// </summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly ReadModelChanges _changes;

    private LiveRefresh(ReadModelChanges changes)
    {
        _changes = changes;
        _changes.ComplaintsChanged += Signal;
    }

    /// <summary>
    /// Starts re-running <paramref name="reload"/> (which re-reads and re-renders) through <paramref name="dispatch"/>,
    /// the component's <c>InvokeAsync</c>, until disposed with the page.
    /// </summary>
    public static LiveRefresh Start(ReadModelChanges changes, Func<Func<Task>, Task> dispatch, Func<Task> reload)
    {
        var refresh = new LiveRefresh(changes);
        _ = refresh.Run(dispatch, reload, refresh._stop.Token);
        return refresh;
    }

    // On the writer's thread: only wakes the loop (a signal already pending absorbs this one).
    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer signalled first: one re-read serves both.
            }
        }
    }

    private async Task Run(Func<Func<Task>, Task> dispatch, Func<Task> reload, CancellationToken stopping)
    {
        // The wall clock, not the business clock: this is the screen's refresh, not a deadline.
        var lastRead = TimeProvider.System.GetTimestamp();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (await _changed.WaitAsync(Every, stopping))
                {
                    var sinceLast = TimeProvider.System.GetElapsedTime(lastRead);
                    await Task.Delay(sinceLast + Gather < Spacing ? Spacing - sinceLast : Gather, stopping);
                    _changed.Wait(0, CancellationToken.None);
                }

                lastRead = TimeProvider.System.GetTimestamp();

                try
                {
                    await dispatch(reload);
                }
                catch (Exception) when (!stopping.IsCancellationRequested)
                {
                    // A read that failed (a database briefly out of reach) leaves the last one on screen; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }

    public void Dispose()
    {
        _changes.ComplaintsChanged -= Signal;
        _stop.Cancel();
        _stop.Dispose();
    }
}
