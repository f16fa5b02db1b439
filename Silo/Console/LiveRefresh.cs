namespace WealthActors.Silo.WebConsole;

/// <summary>
/// Re-reads a page's data on the server every few seconds while the page is open, and shows what changed. No signal
/// exists for every change a console page lists (the web chat's inbox stream reaches one person, and only what their
/// ladder sends them; the read model publishes nothing), so the circuit asks the read model again: a count and a page.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource _stop = new();

    private LiveRefresh()
    {
    }

    /// <summary>
    /// Starts re-running <paramref name="reload"/> (which re-reads and re-renders) through <paramref name="dispatch"/>,
    /// the component's <c>InvokeAsync</c>, until disposed with the page.
    /// </summary>
    public static LiveRefresh Start(Func<Func<Task>, Task> dispatch, Func<Task> reload)
    {
        var refresh = new LiveRefresh();
        _ = Run(dispatch, reload, refresh._stop.Token);
        return refresh;
    }

    private static async Task Run(Func<Func<Task>, Task> dispatch, Func<Task> reload, CancellationToken stopping)
    {
        // The wall clock, not the business clock: this is the screen's refresh, not a deadline.
        using var timer = new PeriodicTimer(Every, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
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
        _stop.Cancel();
        _stop.Dispose();
    }
}
