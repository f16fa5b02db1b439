using Quartz;

namespace WealthActors.Silo.Jobs;

/// <summary>
/// Stores each registered job and its cron trigger in the scheduler, once every hosted service has started (so the
/// PostgreSQL schema exists and grains answer) and before the scheduler starts firing (on ApplicationStarted). A
/// schedule kept as data (<see cref="IJobScheduleSource"/>) wins over the registered default.
/// </summary>
/// <remarks>
/// A trigger that is already stored with the same schedule is left alone: replacing it would reset its next fire
/// time, and a silo starting while another holds the current occurrence could then run that occurrence twice. A
/// changed schedule replaces the trigger. Silos starting together race benignly: the loser finds the trigger stored.
/// </remarks>
internal sealed partial class JobScheduleSynchronizer(
    ISchedulerFactory schedulerFactory,
    IEnumerable<JobRegistration> registrations,
    IEnumerable<IJobScheduleSource> sources,
    ILogger<JobScheduleSynchronizer> logger) : IHostedLifecycleService
{
    public const string Group = "wealthactors";

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        foreach (var registration in registrations)
        {
            var effective = registration;
            foreach (var source in sources)
            {
                if (await source.ScheduleOf(registration.Name, cancellationToken) is { } stored)
                {
                    effective = registration with { CronExpression = stored.CronExpression, TimeZone = stored.TimeZone };
                    break;
                }
            }

            await SynchronizeAsync(scheduler, effective, logger, cancellationToken);
        }
    }

    /// <summary>Stores the job and, unless the stored trigger already has this schedule, its trigger.</summary>
    internal static async Task SynchronizeAsync(IScheduler scheduler, JobRegistration registration, ILogger logger, CancellationToken cancellationToken)
    {
        var jobKey = new JobKey(registration.Name, Group);
        var triggerKey = new TriggerKey(registration.Name, Group);
        var job = JobBuilder.Create().OfType(registration.JobType).WithIdentity(jobKey).StoreDurably().Build();
        // Replacing the job detail (its type) touches no fire times.
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);

        var stored = await scheduler.GetTrigger(triggerKey, cancellationToken) as ICronTrigger;
        if (stored is not null && stored.CronExpressionString == registration.CronExpression && stored.TimeZone.Id == registration.TimeZone.Id)
        {
            return;
        }

        // Built on the scheduler's clock (the business clock): a trigger computed on another clock would misfire over
        // and over against the scheduler's "now".
        var trigger = TriggerBuilder.Create(scheduler.TimeProvider)
            .WithIdentity(triggerKey)
            .ForJob(jobKey)
            .WithCronSchedule(registration.CronExpression, cron => cron.InTimeZone(registration.TimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        if (stored is null)
        {
            try
            {
                await scheduler.ScheduleJob(trigger, default, cancellationToken);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another silo stored it a moment ago.
            }
        }
        else
        {
            await scheduler.RescheduleJob(triggerKey, trigger, cancellationToken);
        }

        LogScheduled(logger, registration.Name, registration.CronExpression, registration.TimeZone.Id);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobName} scheduled: {CronExpression} ({TimeZone})")]
    private static partial void LogScheduled(ILogger logger, string jobName, string cronExpression, string timeZone);
}
