using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using WealthActors.Silo.Jobs;
using WealthActors.Silo.Tests.Infrastructure;
using WealthActors.Silo.Tests.Storage;

namespace WealthActors.Silo.Tests.Jobs;

/// <summary>The job seam, and Quartz's in-memory store in the embedded (SQLite) mode.</summary>
public sealed class JobsTests
{
    [Fact]
    public void AddWealthActorsJob_InvalidCron_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddWealthActorsJob<CountingJob>("bad", "every minute"));
    }

    [Fact]
    public void AddWealthActorsJob_SameNameTwice_Throws()
    {
        var services = new ServiceCollection();
        services.AddWealthActorsJob<CountingJob>("digest", "0 0 8 * * ?");

        Assert.Throws<InvalidOperationException>(() => services.AddWealthActorsJob<CountingJob>("digest", "0 0 9 * * ?"));
    }

    [Fact]
    public void AddWealthActorsJob_NoTimeZone_ReadsTheScheduleInShanghaiTime()
    {
        var services = new ServiceCollection();

        services.AddWealthActorsJob<CountingJob>("digest", "0 0 8 * * ?");

        var registration = Assert.Single(services.Select(d => d.ImplementationInstance).OfType<JobRegistration>());
        Assert.Equal(TimeSpan.FromHours(8), registration.TimeZone.BaseUtcOffset);
        Assert.Contains(services, d => d.ServiceType == typeof(CountingJob) && d.Lifetime == ServiceLifetime.Scoped);
    }

    [Fact]
    public async Task AddWealthActorsJob_SqliteMode_RunsOnTheInMemoryScheduler()
    {
        using var folder = new TempFolder();
        var counter = new RunCounter();
        await using var silo = new JobSilo(folder.Path, counter);
        _ = silo.Server;

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (counter.Runs == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(counter.Runs > 0, "the job did not run within 20 s");
        var scheduler = await silo.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.False((await scheduler.GetMetadata()).JobStorePersistent);
    }

    public sealed class RunCounter
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public void Add() => Interlocked.Increment(ref _runs);
    }

    public sealed class CountingJob(RunCounter counter) : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            counter.Add();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class JobSilo(string folder, RunCounter counter) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Sqlite:Path", Path.Combine(folder, "jobs.db"));
            builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(counter);
                services.AddWealthActorsJob<CountingJob>("test-counter", "* * * * * ?");
            });
        }
    }
}
