namespace WealthActors.Silo.Jobs;

/// <summary>A job's schedule kept as data (for example the care rules' fire times), read when the silo starts.</summary>
public interface IJobScheduleSource
{
    /// <summary>The stored schedule of <paramref name="jobName"/>, or null when this source does not know the job.</summary>
    Task<JobSchedule?> ScheduleOf(string jobName, CancellationToken cancellationToken);
}

/// <summary>A Quartz cron expression (seconds first) read in <paramref name="TimeZone"/>.</summary>
public sealed record JobSchedule(string CronExpression, TimeZoneInfo TimeZone);
