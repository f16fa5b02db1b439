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
using WealthActors.Grains.Tasks;
using WealthActors.Grains.Time;

namespace WealthActors.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo for the whole collection. Business time (grains, timers, reminders) is a
/// <see cref="FakeTimeProvider"/> that the tests advance; Orleans' own maintenance stays on real time.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Monday 2026-11-02 09:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public RecordingReadModel ReadModel { get; } = new();

    /// <summary>Every push the employee grains hand to their chat channels.</summary>
    public RecordingPushChannel Pushes { get; } = new();

    /// <summary>A channel that owes confirmations, for employees whose id starts with <see cref="ConfirmingPushChannel.Prefix"/>.</summary>
    public ConfirmingPushChannel ConfirmingPushes { get; } = new();

    /// <summary>The client notification channels: they take every message unless a test scripts other answers.</summary>
    public ScriptedClientChannels ClientChannels { get; } = new();

    /// <summary>Reminder registrations a test holds back, to see what waits for them.</summary>
    public ReminderHolds ReminderHolds { get; } = new();

    /// <summary>When reminders are between schedules; see <see cref="Advance"/>.</summary>
    public ReminderSettling Reminders { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

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
            HoldingReminderTable.Install(silo.Services, ReminderHolds);
            ReminderSettling.Install(silo.Services, Reminders);
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
            silo.Services.AddSingleton<WealthActors.Grains.ServiceRequests.IServiceRequestReadModelWriter>(ReadModel);
            silo.Services.AddSingleton<IComplaintCalendarIndex>(ReadModel);
            silo.Services.AddSingleton<WealthActors.Grains.Notifications.IClientMessageSender>(ClientChannels);
            silo.Services.AddSingleton<IInboxPushChannel>(Pushes);
            silo.Services.AddSingleton<IInboxPushChannel>(ConfirmingPushes);
            // A channel that always fails must not fail a delivery.
            silo.Services.AddSingleton<IInboxPushChannel, ThrowingPushChannel>();
        });
        if (Environment.GetEnvironmentVariable("WA_TEST_LOGS") == "1")
        {
            // Silo logs on the console, for diagnosing a failing test locally.
            builder.ConfigureSiloHost((_, host) => host.Logging.AddConsole().SetMinimumLevel(LogLevel.Information));
        }

        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>
    /// Moves business time on once every reminder has settled, so none is scheduled from a clock read on either side
    /// of the jump (see <see cref="ReminderSettling"/>).
    /// </summary>
    public async Task Advance(TimeSpan by)
    {
        await Reminders.WhenSettled();
        Clock.Advance(by);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Reminders.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
