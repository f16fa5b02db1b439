using System.Text.Json;
using Quartz;
using WealthActors.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>
/// Records every run of a recurring job that Quartz fires, on the silo that ran it: channel <c>job</c>, action
/// <c>job.&lt;name&gt;</c>, outcome <c>ok</c> or <c>failed</c>, and the digest of the run's result (what it scanned and
/// created). A run by hand (<c>POST /api/admin/jobs/{name}/run</c>) is recorded at the HTTP door, with who asked.
/// </summary>
internal sealed partial class AuditJobListener(IAuditTrail audit, ILogger<AuditJobListener> logger) : IJobListener
{
    public string Name => "audit";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var name = context.JobDetail.Key.Name;
        var result = context.Result is WealthActors.Silo.Jobs.JobRunResult run ? JsonSerializer.Serialize(run) : null;
        var record = new AuditRecord(
            AuditChannels.Job, $"job.{name}", jobException is null ? AuditOutcomes.Ok : AuditOutcomes.Failed,
            TargetType: "job", TargetId: name, Digest: result is null ? null : AuditDigests.Of(result));
        try
        {
            await audit.AppendAsync(record, CancellationToken.None);
        }
        catch (AuditUnavailableException ex)
        {
            // The run is over and nobody waits for an answer; what it changed is in the grains and the read model.
            LogUnrecorded(logger, ex, name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit: the run of job {JobName} could not be recorded")]
    private static partial void LogUnrecorded(ILogger logger, Exception exception, string jobName);
}
