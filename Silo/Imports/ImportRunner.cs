using System.Threading.Channels;
using WealthActors.Audit;
using WealthActors.Imports;

namespace WealthActors.Silo.Imports;

/// <summary>
/// Works through accepted uploads one import at a time, in the background of the silo that took them: those accepted
/// while it runs, and at start those a stop left unfinished in the import folder. Each import's end is recorded in the
/// audit trail (the upload itself is, at the API's door), since its rows change state after the request has answered.
/// </summary>
internal sealed partial class ImportRunner(
    ImportFolder folder,
    ImportProcessor processor,
    IGrainFactory grains,
    IAuditTrail audit,
    IHostApplicationLifetime lifetime,
    ILogger<ImportRunner> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private const int Attempts = 3;

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();

    public void Enqueue(string importId) => _queue.Writer.TryWrite(importId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grains answer once the silo has started; the host has started it when ApplicationStarted fires.
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

        foreach (var importId in folder.Unfinished())
        {
            Enqueue(importId);
        }

        await foreach (var importId in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunOne(importId, stoppingToken);
        }
    }

    private async Task RunOne(string importId, CancellationToken stoppingToken)
    {
        var path = folder.Accepted(importId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var status = File.Exists(path) ? await processor.Run(importId, path, null, stoppingToken) : null;
                if (status is { Status: not ImportRunState.Running })
                {
                    await Audit(importId, status);
                }

                ImportFolder.Delete(path);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: the file stays, and the next start resumes after the last recorded chunk.
                return;
            }
            catch (Exception ex) when (attempt < Attempts)
            {
                LogRetrying(logger, ex, importId, attempt);
                await Task.Delay(RetryDelay, stoppingToken);
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex, importId);
                await grains.GetGrain<IImportGrain>(importId).Finish(ImportRunState.Failed, "The import stopped on an internal error; upload the file again.");
                ImportFolder.Delete(path);
                return;
            }
        }
    }

    private async Task Audit(string importId, ImportStatus status)
    {
        var ticket = await grains.GetGrain<IImportGrain>(importId).GetTicket();
        try
        {
            await audit.AppendAsync(new AuditRecord(
                AuditChannels.Job, $"import.{status.Kind}", status.Status == ImportRunState.Completed ? AuditOutcomes.Ok : AuditOutcomes.Failed,
                EmployeeId: ticket?.EmployeeId, KeyName: ticket?.KeyName, Door: ticket?.Door, TargetType: "import", TargetId: importId,
                Digest: ticket?.Digest));
        }
        catch (AuditUnavailableException ex)
        {
            // The rows are written and their grains keep who wrote them; the import's end alone goes unrecorded.
            LogUnaudited(logger, ex, importId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: attempt {Attempt} failed; retrying")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string importId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string importId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId}: its end could not be audited")]
    private static partial void LogUnaudited(ILogger logger, Exception exception, string importId);
}
