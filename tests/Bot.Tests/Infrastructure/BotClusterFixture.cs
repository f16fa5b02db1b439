using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;
using WealthActors.Grains;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.Time;
using WealthActors.ReadModel;

namespace WealthActors.Bot.Tests.Infrastructure;

/// <summary>
/// One in-process silo running the real grains, for the conversation engine and the channels to talk to as they do
/// in the Silo. Business time is a <see cref="FakeTimeProvider"/> the tests advance.
/// </summary>
public sealed class BotClusterFixture : IAsyncLifetime
{
    /// <summary>Monday 2026-11-02 09:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public TestReadModel ReadModel { get; } = new();

    public RecordingPushChannel Pushes { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public RecordingAuditTrail Audit { get; } = new();

    public ConversationEngine Engine => EngineWith(WealthActors.Privacy.MaskingRules.Default);

    public ConversationEngine EngineWith(WealthActors.Privacy.MaskingRules masking) =>
        new(Grains, ReadModel, Clock, Audit, masking, ReadModel, NullLogger<ConversationEngine>.Instance);

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(GrainStorage.Name, options => options.Configure<IServiceProvider>((o, services) =>
                o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services)));
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o =>
            {
                o.MinimumReminderPeriod = TimeSpan.FromSeconds(10);
                // Tests jump the clock by hours; every reminder must stay scheduled in memory.
                o.ReminderLoadingWindow = TimeSpan.FromDays(400);
            });
            silo.Services.AddWealthActorsGrains(configuration);
            silo.Services.UseBusinessClock(Clock);
            silo.Services.AddSingleton<IReadModelWriter>(ReadModel);
            silo.Services.AddSingleton<WealthActors.Grains.Tasks.ITaskReadModelWriter>(ReadModel);
            silo.Services.AddSingleton<WealthActors.Grains.ServiceRequests.IServiceRequestReadModelWriter>(ReadModel);
            silo.Services.AddSingleton<IInboxPushChannel>(Pushes);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BotClusterCollection : ICollectionFixture<BotClusterFixture>
{
    public const string Name = "bot-cluster";
}
