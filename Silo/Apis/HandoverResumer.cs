using WealthActors.Handovers;

namespace WealthActors.Silo.Apis;

/// <summary>
/// Resumes the handovers a stopped silo left running, as soon as this silo serves grains: without it they would wait
/// for their reminder's next tick, up to a minute. On a cluster every silo asks; a handover runs once wherever it lives.
/// </summary>
internal sealed partial class HandoverResumer(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<HandoverResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        try
        {
            var running = await grains.GetGrain<IHandoverRegistryGrain>(IHandoverRegistryGrain.Key).Running();
            await Task.WhenAll(running.Select(id => grains.GetGrain<IHandoverGrain>(id).Resume()));
            if (running.Count > 0)
            {
                LogResumed(logger, running.Count);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Each running handover's reminder still brings it back.
            LogResumeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} running handovers")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming running handovers at start failed; their reminders will")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
