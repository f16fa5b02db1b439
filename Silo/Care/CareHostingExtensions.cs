using Microsoft.Extensions.DependencyInjection.Extensions;
using WealthActors.Care;
using WealthActors.Silo.Digest;
using WealthActors.Silo.Jobs;

namespace WealthActors.Silo.Care;

public static class CareHostingExtensions
{
    /// <summary>
    /// The scheduled care rules, one job each (their fire times come from the stored care rules at start and move
    /// when an admin changes them), and what the runners need.
    /// </summary>
    public static WebApplicationBuilder AddWealthActorsCare(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<ICareContext, GrainCareContext>();
        services.AddSingleton<IJobScheduleSource, CareJobSchedules>();
        var defaults = CareRules.Defaults;
        Add<BirthdayCareRunner>(services, CareRuleNames.Birthday, defaults);
        Add<MaturityCareRunner>(services, CareRuleNames.Maturity, defaults);
        Add<DormancyCareRunner>(services, CareRuleNames.Dormancy, defaults);
        Add<RiskExpiryCareRunner>(services, CareRuleNames.RiskExpiry, defaults);

        // The branch heads' daily digest: configured with the care rules, run by the same seam.
        services.TryAddSingleton<SlaDigestRunner>();
        Add<SlaDigestJobRunner>(services, CareRuleNames.SlaDigest, defaults);
        return builder;
    }

    private static void Add<TRunner>(IServiceCollection services, string name, CareRules defaults)
        where TRunner : class, IWealthActorsJobRunner
    {
        var schedule = CareJobSchedules.For(name, defaults.ScheduleOf(name)!);
        services.AddWealthActorsJobRunner<TRunner>(name, schedule.CronExpression, schedule.TimeZone);
    }
}
