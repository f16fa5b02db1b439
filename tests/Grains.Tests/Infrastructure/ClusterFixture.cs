using Microsoft.Extensions.DependencyInjection;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;

namespace WealthActors.Grains.Tests.Infrastructure;

/// <summary>
/// The shared in-process silo (<see cref="GrainClusterFixture{TReadModel}"/>) with what the grain tests watch and
/// script: confirming and failing chat channels, client channels, and reminder registrations held or settled.
/// </summary>
public sealed class ClusterFixture : GrainClusterFixture<RecordingReadModel>
{
    /// <summary>A channel that owes confirmations, for employees whose id starts with <see cref="ConfirmingPushChannel.Prefix"/>.</summary>
    public ConfirmingPushChannel ConfirmingPushes { get; } = new();

    /// <summary>The client notification channels: they take every message unless a test scripts other answers.</summary>
    public ScriptedClientChannels ClientChannels { get; } = new();

    /// <summary>Reminder registrations a test holds back, to see what waits for them.</summary>
    public ReminderHolds ReminderHolds { get; } = new();

    /// <summary>When reminders are between schedules; see <see cref="Advance"/>.</summary>
    public ReminderSettling Reminders { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        HoldingReminderTable.Install(silo.Services, ReminderHolds);
        ReminderSettling.Install(silo.Services, Reminders);
        silo.Services.AddSingleton<IComplaintCalendarIndex>(ReadModel);
        silo.Services.AddSingleton<WealthActors.Grains.Notifications.IClientMessageSender>(ClientChannels);
        silo.Services.AddSingleton<IInboxPushChannel>(ConfirmingPushes);
        // A channel that always fails must not fail a delivery.
        silo.Services.AddSingleton<IInboxPushChannel, ThrowingPushChannel>();
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

    /// <summary>The reminders the reminder table holds for <paramref name="grain"/>: with none, no tick can come.</summary>
    public async Task<IList<ReminderEntry>> RemindersOf(IAddressable grain) =>
        (await Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>().ReadRows(grain.GetGrainId())).Reminders;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Reminders.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
