using Quartz;

namespace WealthActors.Silo.Jobs;

/// <summary>The Quartz job of every runner: finds the runner by the job's name and runs it at the business clock's now.</summary>
internal sealed partial class RunnerJob(JobRunners runners, TimeProvider clock, ILogger<RunnerJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.JobDetail.Key.Name;
        var runner = runners.Find(name) ?? throw new InvalidOperationException($"No runner is registered for job '{name}'.");
        var result = await runner.RunAsync(clock.GetUtcNow(), cancellationToken);
        // The audit entry of the run keeps a digest of what it did.
        context.Result = result;
        LogRan(logger, result.Job, result.Scanned, result.Created);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobName} ran: {Scanned} scanned, {Created} created")]
    private static partial void LogRan(ILogger logger, string jobName, int scanned, int created);
}
