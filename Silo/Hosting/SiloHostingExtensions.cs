using Orleans.Configuration;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.Time;

namespace WealthActors.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>The Orleans silo with the configured storage, the business clock, and the services grains need.</summary>
    public static WebApplicationBuilder AddWealthActorsSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var sla = configuration.GetSection(SlaOptions.Section).Get<SlaOptions>() ?? new SlaOptions();
        builder.Services.AddWealthActorsGrains(configuration);
        builder.Services.AddWealthActorsCalendarSync();
        builder.Services.UseBusinessClock(sla.TimeScale > 1 ? new ScaledTimeProvider(sla.TimeScale) : TimeProvider.System);
        builder.Services.AddWealthActorsReadModel(configuration, builder.Environment);
        builder.UseOrleans(silo =>
        {
            silo.UseWealthActorsClustering(configuration);
            silo.UseWealthActorsTls(configuration, builder.Environment.ContentRootPath);
            silo.UseWealthActorsStorage(configuration, builder.Environment);
            silo.Configure<ReminderOptions>(ReminderServiceDefaults.Apply);
            silo.Configure<ReminderOptions>(configuration.GetSection(OrleansOptions.ReminderServiceSection));
            // Deadline reminders are one-shot; their period only bounds how late a deadline missed during an outage fires.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = sla.ReminderRetryPeriod);
            silo.Configure<GrainCollectionOptions>(GrainCollectionDefaults.Apply);
            silo.Configure<GrainCollectionOptions>(configuration.GetSection(OrleansOptions.GrainCollectionSection));
        });
        return builder;
    }
}
