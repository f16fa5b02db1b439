namespace WealthActors.Silo.Jobs;

/// <summary>A recurring job with a fixed name, as registered by <see cref="JobsServiceCollectionExtensions.AddWealthActorsJob{TJob}"/>.</summary>
/// <param name="Name">The job's and its trigger's name, fixed so that every silo and every restart means the same rows.</param>
/// <param name="CronExpression">A Quartz cron expression (with seconds), for example <c>0 0 8 * * ?</c>.</param>
public sealed record JobRegistration(string Name, Type JobType, string CronExpression, TimeZoneInfo TimeZone);
