using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using WealthActors.Employees;
using WealthActors.Grains;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.ServiceRequests;
using WealthActors.Grains.Tasks;
using WealthActors.Grains.Time;

namespace WealthActors.Testing;

/// <summary>
/// One in-process silo running the real grains for a whole test collection. Business time (grains, timers,
/// reminders) is a <see cref="FakeTimeProvider"/> that the tests advance; Orleans' own maintenance stays on real time.
/// The read model is the test project's own in-memory one; <see cref="ConfigureSilo"/> adds what a project needs more.
/// </summary>
public abstract class GrainClusterFixture<TReadModel> : IAsyncLifetime
    where TReadModel : IReadModelWriter, ITaskReadModelWriter, IServiceRequestReadModelWriter, new()
{
    /// <summary>Monday 2026-11-02 09:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public TReadModel ReadModel { get; } = new();

    /// <summary>Every push the employee grains hand to their chat channels.</summary>
    public RecordingPushChannel Pushes { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Registers what this project's tests need beyond the grains, the clock and the read model.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // The Orleans binary serializer, as in production, so a state type it cannot write fails here too.
            silo.AddMemoryGrainStorage(GrainStorage.Name, options => options.Configure<IServiceProvider>((o, services) =>
                o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services)));
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o =>
            {
                o.MinimumReminderPeriod = TimeSpan.FromSeconds(10);
                // Keep every reminder scheduled in memory: a test jumps the fake clock by hours at once, and a reminder
                // outside the loading window would wait for a table refresh that only a further jump would trigger.
                o.ReminderLoadingWindow = TimeSpan.FromDays(400);
            });
            silo.Services.AddWealthActorsGrains(configuration);
            silo.Services.UseBusinessClock(Clock);
            silo.Services.AddSingleton<IReadModelWriter>(ReadModel);
            silo.Services.AddSingleton<ITaskReadModelWriter>(ReadModel);
            silo.Services.AddSingleton<IServiceRequestReadModelWriter>(ReadModel);
            silo.Services.AddSingleton<IInboxPushChannel>(Pushes);
            ConfigureSilo(silo);
        });
        if (Environment.GetEnvironmentVariable("WA_TEST_LOGS") == "1")
        {
            // Silo logs on the console, for diagnosing a failing test locally.
            builder.ConfigureSiloHost((_, host) => host.Logging.AddConsole().SetMinimumLevel(LogLevel.Information));
        }

        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
