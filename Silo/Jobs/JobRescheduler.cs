using Quartz;

namespace WealthActors.Silo.Jobs;

/// <summary>
/// Moves a registered job's trigger to a new schedule while the silo runs (a changed fire time). In PostgreSQL mode
/// the trigger lives in the clustered store, so every silo sees the new schedule.
/// </summary>
public sealed class JobRescheduler(ISchedulerFactory schedulerFactory, IEnumerable<JobRegistration> registrations, ILogger<JobRescheduler> logger)
{
    /// <summary>Returns false when no job of that name is registered (nothing to move).</summary>
    public async Task<bool> RescheduleAsync(string jobName, JobSchedule schedule, CancellationToken cancellationToken)
    {
        var registration = registrations.FirstOrDefault(r => r.Name == jobName);
        if (registration is null)
        {
            return false;
        }

        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        await JobScheduleSynchronizer.SynchronizeAsync(
            scheduler, registration with { CronExpression = schedule.CronExpression, TimeZone = schedule.TimeZone }, logger, cancellationToken);
        return true;
    }

    /// <summary>The cron expression of the job's stored trigger, or null when none is stored.</summary>
    public async Task<string?> CronOf(string jobName, CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(new TriggerKey(jobName, JobScheduleSynchronizer.Group), cancellationToken) as ICronTrigger)?.CronExpressionString;
    }
}
