using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Jobs;

public static class JobsHostingExtensions
{
    /// <summary>Quartz's table prefix: its tables live in the <c>quartz</c> schema created by the migration.</summary>
    public const string TablePrefix = "quartz.qrtz_";

    /// <summary>
    /// Quartz with the hosted scheduler. PostgreSQL mode: a clustered ADO job store in the shared database, so a
    /// recurring job fires once per occurrence across all silos and a silo that dies mid-run has its run recovered.
    /// Otherwise (one silo): an in-memory store. Jobs come from <see cref="JobsServiceCollectionExtensions.AddWealthActorsJob{TJob}"/>.
    /// </summary>
    public static WebApplicationBuilder AddWealthActorsJobs(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var orleans = OrleansOptions.From(configuration);
        var clustered = StorageOptions.From(configuration).Provider == StorageProvider.PostgreSql;
        services.AddQuartz(quartz =>
        {
            // Every silo of a service is one logical scheduler; with clustering on, Quartz generates each silo's
            // instance id (host name and start time).
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = orleans.ServiceId);
            // Every run Quartz fires is an audit entry (no matchers: every job).
            quartz.AddJobListener(sp => sp.GetRequiredService<AuditJobListener>(), []);
            if (!clustered)
            {
                quartz.UseInMemoryStore();
                return;
            }

            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(source =>
                    source.DataSourceFactory = sp => sp.GetRequiredService<PostgresDatabase>().DataSource);
                store.ConfigureStore(options => options.TablePrefix = TablePrefix);
                store.UseSystemTextJsonSerializer();
                store.UseClustering();
            });
        });
        services.AddQuartzHostedService(options =>
        {
            // Fire only once the silo is up (jobs call grains) and the schema is migrated.
            options.AwaitApplicationStarted = true;
            options.WaitForJobsToComplete = true;
        });
        services.AddHostedService<JobScheduleSynchronizer>();
        services.TryAddSingleton<JobRunners>();
        services.TryAddSingleton<JobRescheduler>();
        return builder;
    }
}
