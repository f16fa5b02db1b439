using Microsoft.Extensions.Logging;
using WealthActors.Calendars;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Calendars;

/// <summary>
/// Keeps this silo's <see cref="IBusinessCalendarProvider"/> at the catalog's versions: loads every calendar once the
/// silo is active, then again every <see cref="RefreshPeriod"/>. Open cases are told of a change directly (and fetch it
/// when their silo is behind); the refresh covers cases opened on a silo that nobody told yet.
/// </summary>
public sealed partial class CalendarSync(
    IGrainFactory grains,
    IBusinessCalendarProvider calendars,
    TimeProvider clock,
    ILogger<CalendarSync> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CalendarSync), ServiceLifecycleStage.Active, OnStart, OnStop);

    /// <summary>Takes every catalog calendar newer than the one held. Returns how many were taken.</summary>
    public async Task<int> LoadAsync()
    {
        var all = await grains.GetGrain<ICalendarCatalogGrain>(ICalendarCatalogGrain.DefaultKey).List();
        return all.Count(calendars.Update);
    }

    private async Task OnStart(CancellationToken cancellationToken)
    {
        await TryLoad();
        _loop = Task.Run(RefreshLoop, CancellationToken.None);
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RefreshLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RefreshPeriod, clock, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TryLoad();
        }
    }

    private async Task TryLoad()
    {
        try
        {
            var taken = await LoadAsync();
            if (taken > 0)
            {
                LogLoaded(logger, taken);
            }
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            // The silo keeps counting in the calendars it holds; the next refresh tries again.
            LogLoadFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Business calendars: {Count} newer version(s) loaded from the catalog")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Business calendars: loading from the catalog failed; keeping the versions held")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);

    public void Dispose() => _stopping.Dispose();
}
