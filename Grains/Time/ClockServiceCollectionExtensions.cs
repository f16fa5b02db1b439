using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders;

namespace WealthActors.Grains.Time;

public static class ClockServiceCollectionExtensions
{
    /// <summary>
    /// Makes <paramref name="clock"/> the time of the business: grains, grain timers and reminders read it. Orleans'
    /// own maintenance loops (membership, messaging timeouts, directory, activation collection) stay on real time,
    /// so a fast or fake business clock never starves or trips the cluster.
    /// </summary>
    public static IServiceCollection UseBusinessClock(this IServiceCollection services, TimeProvider clock)
    {
        services.AddSingleton(clock);
        services.AddKeyedSingleton(TimeProviderNames.Grains, clock);
        services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, clock);
        foreach (var key in new[]
                 {
                     TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
                     TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory,
                 })
        {
            services.AddKeyedSingleton(key, TimeProvider.System);
        }

        return services;
    }
}
