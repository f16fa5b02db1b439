using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Clients;
using WealthActors.Grains.Org;
using WealthActors.Grains.Sla;
using WealthActors.Grains.Suitability;

namespace WealthActors.Grains.Hosting;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>The services the grains depend on, apart from storage and the read model.</summary>
    public static IServiceCollection AddWealthActorsGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TierOptions>().Bind(configuration.GetSection(TierOptions.Section))
            .Validate(o => o.Affluent > 0 && o.Affluent < o.HighNetWorth && o.HighNetWorth < o.UltraHighNetWorth,
                "Tiers: thresholds must be positive and increase Affluent < HighNetWorth < UltraHighNetWorth")
            .ValidateOnStart();
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.Section))
            .Validate(o => o.ReminderRetryPeriod >= TimeSpan.FromSeconds(1), "Sla:ReminderRetryPeriod must be at least 1 second")
            .Validate(o => o.TimeScale >= 1, "Sla:TimeScale must be at least 1")
            .ValidateOnStart();
        services.TryAddSingleton<IBusinessCalendarProvider>(_ => new BusinessCalendarProvider([]));
        services.TryAddSingleton<EscalationTargets>();
        // The silo adds its client notification channels (WeCom customer contact, SMS) over this.
        services.TryAddSingleton<Notifications.IClientMessageSender, Notifications.NoClientMessageChannels>();
        services.AddOptions<SuitabilityOptions>().Bind(configuration.GetSection(SuitabilityOptions.Section))
            .Validate(o => o.ReturnVisitDays >= 1, "Suitability:ReturnVisitDays must be at least 1")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApprovalPolicyId), "Suitability:ApprovalPolicyId must not be empty")
            .ValidateOnStart();
        services.TryAddSingleton<ComplianceRecipients>();
        // The silo replaces it with the register in its database; the memory one serves the memory mode and tests.
        services.TryAddSingleton<WealthActors.Suitability.ISuitabilityRegister, InMemorySuitabilityRegister>();
        services.TryAddSingleton(TimeProvider.System);
        // The generated serializer of ClientState asks for it (compaction on load).
        services.TryAddSingleton<ClientStateCallbacks>();
        return services;
    }

    /// <summary>
    /// Loads the business calendars from the catalog when the silo starts and refreshes them periodically. Needs an
    /// <see cref="ReadModel.IComplaintCalendarIndex"/> for the catalog's re-arm of open cases.
    /// </summary>
    public static IServiceCollection AddWealthActorsCalendarSync(this IServiceCollection services)
    {
        services.TryAddSingleton<CalendarSync>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CalendarSync>());
        return services;
    }
}
