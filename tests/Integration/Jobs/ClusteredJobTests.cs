using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using WealthActors.Integration.Infrastructure;
using WealthActors.Silo.Jobs;
using Xunit.Abstractions;

namespace WealthActors.Integration.Jobs;

/// <summary>
/// Three silos (the real Silo application, in process) share Quartz's clustered store on PostgreSQL; a job that
/// fires every second must run once per fire time, not once per silo.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusteredJobTests(PostgresServer server, ITestOutputHelper output)
{
    private const string JobName = "test-fire-recorder";

    [Fact]
    public async Task AddWealthActorsJob_ThreeSilosOneStore_RunsOncePerFireTime()
    {
        var connectionString = await server.DatabaseAsync("quartz_cluster");
        var clock = Stopwatch.StartNew();
        var silos = Enumerable.Range(0, 3).Select(_ => new JobSilo(connectionString)).ToList();
        try
        {
            await Sql.ExecuteAsync(connectionString,
                "CREATE TABLE test_job_fires (scheduled_at bigint NOT NULL, instance text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())");
            // Creating a server starts that silo: its migration (one at a time), cluster join and scheduler.
            await Task.WhenAll(silos.Select(s => Task.Run(() => s.Server)));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: three silos started");
            var metadata = await (await silos[0].Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).GetMetadata();
            Assert.True(metadata.JobStorePersistent && metadata.JobStoreClustered, "not the clustered ADO job store");

            // Every silo is a member of the Quartz cluster.
            await Eventually(async () => await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM quartz.qrtz_scheduler_state") == 3);
            await Eventually(async () => await Sql.ScalarAsync<long>(connectionString, "SELECT count(DISTINCT scheduled_at) FROM test_job_fires") >= 6);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: six fire times recorded");
        }
        finally
        {
            await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: silos stopped");

        // Duplicates would show as a fire time with more than one run.
        var perFireTime = await Sql.RowsAsync(connectionString,
            "SELECT scheduled_at, count(*), string_agg(instance, ',') FROM test_job_fires GROUP BY scheduled_at ORDER BY scheduled_at");
        foreach (var row in perFireTime)
        {
            output.WriteLine(row);
        }

        Assert.True(perFireTime.Count >= 6);
        Assert.All(perFireTime, row => Assert.Equal("1", row.Split(':')[1]));
        var instances = await Sql.ScalarAsync<long>(connectionString, "SELECT count(DISTINCT instance) FROM test_job_fires");
        output.WriteLine($"runs spread over {instances} scheduler instance(s)");
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 45 s");
            await Task.Delay(250);
        }
    }

    /// <summary>Records each run's scheduled fire time and the scheduler instance that ran it.</summary>
    public sealed class FireRecorderJob(FireLog log) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            await using var command = log.DataSource.CreateCommand("INSERT INTO test_job_fires (scheduled_at, instance) VALUES ($1, $2)");
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcTicks });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = context.Scheduler.SchedulerInstanceId });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public sealed class FireLog(string connectionString) : IAsyncDisposable
    {
        public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);

        public ValueTask DisposeAsync() => DataSource.DisposeAsync();
    }

    /// <summary>The Silo application in PostgreSQL mode, with the test job registered through the product's seam.</summary>
    private sealed class JobSilo(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:WealthActors", connectionString);
            builder.UseSetting("Orleans:ClusterId", "jobs");
            builder.UseSetting("Orleans:AdvertisedAddress", "127.0.0.1");
            builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in TestKeyRing.Settings())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(new FireLog(connectionString));
                services.AddWealthActorsJob<FireRecorderJob>(JobName, "* * * * * ?");
            });
        }
    }
}
