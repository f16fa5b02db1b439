using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace WealthActors.Silo.Jobs;

/// <summary>The seam through which features register their recurring jobs (docs/ARCHITECTURE.md §8.7: thin jobs, fixed names).</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>Business schedules ("the daily digest at 08:00") mean the firm's local time unless told otherwise.</summary>
    public static readonly TimeZoneInfo DefaultTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>
    /// Runs <typeparamref name="TJob"/> on <paramref name="cronExpression"/> (Quartz syntax, seconds first). With the
    /// clustered store of PostgreSQL mode each occurrence runs once in the whole cluster, on whichever silo acquires
    /// it; an occurrence missed while every silo was down runs once when one comes back.
    /// </summary>
    /// <param name="name">Unique, fixed name: the job and its trigger are stored under it.</param>
    /// <param name="timeZone">The zone the expression is read in; <see cref="DefaultTimeZone"/> when null.</param>
    public static IServiceCollection AddWealthActorsJob<TJob>(this IServiceCollection services, string name, string cronExpression, TimeZoneInfo? timeZone = null)
        where TJob : class, IJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!CronExpression.TryParse(cronExpression, out _))
        {
            throw new ArgumentException($"'{cronExpression}' is not a valid Quartz cron expression.", nameof(cronExpression));
        }

        if (services.Any(d => d.ServiceType == typeof(JobRegistration) && d.ImplementationInstance is JobRegistration r && r.Name == name))
        {
            throw new InvalidOperationException($"A job named '{name}' is already registered.");
        }

        services.AddSingleton(new JobRegistration(name, typeof(TJob), cronExpression, timeZone ?? DefaultTimeZone));
        // Quartz builds each run in its own DI scope; a scoped job gets scoped dependencies.
        services.TryAddScoped<TJob>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TRunner"/> under its name and a job that runs it on <paramref name="cronExpression"/>
    /// (the default; an <see cref="IJobScheduleSource"/> may hold the current schedule). The admin endpoint
    /// <c>POST /api/admin/jobs/{name}/run</c> runs it by hand.
    /// </summary>
    public static IServiceCollection AddWealthActorsJobRunner<TRunner>(this IServiceCollection services, string name, string cronExpression, TimeZoneInfo? timeZone = null)
        where TRunner : class, IWealthActorsJobRunner
    {
        services.AddWealthActorsJob<RunnerJob>(name, cronExpression, timeZone);
        services.TryAddSingleton<TRunner>();
        services.AddSingleton<IWealthActorsJobRunner>(sp => sp.GetRequiredService<TRunner>());
        services.TryAddSingleton<JobRunners>();
        return services;
    }
}
