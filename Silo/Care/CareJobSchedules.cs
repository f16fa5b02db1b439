using WealthActors.Care;
using WealthActors.Grains.Care;
using WealthActors.Silo.Jobs;

namespace WealthActors.Silo.Care;

/// <summary>The scheduled care rules' fire times, as stored in the care rules grain.</summary>
internal sealed class CareJobSchedules(IGrainFactory grains) : IJobScheduleSource
{
    public async Task<JobSchedule?> ScheduleOf(string jobName, CancellationToken cancellationToken)
    {
        if (!CareRuleNames.Scheduled.Contains(jobName))
        {
            return null;
        }

        var rules = await grains.GetGrain<ICareRulesGrain>(ICareRulesGrain.DefaultKey).Get();
        return rules.ScheduleOf(jobName) is { } schedule ? For(schedule) : null;
    }

    public static JobSchedule For(CareSchedule schedule) =>
        new(CareRulesValidator.Cron(schedule), CareRulesValidator.TryFindZone(schedule.TimeZone, out var zone) ? zone : JobsServiceCollectionExtensions.DefaultTimeZone);
}
