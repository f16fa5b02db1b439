using WealthActors.Care;
using WealthActors.Grains.Care;
using WealthActors.Silo.Digest;
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
        return rules.ScheduleOf(jobName) is { } schedule ? For(jobName, schedule) : null;
    }

    /// <summary>
    /// The trigger of a rule's job. The digest's fire time is branch-local, so its job runs every quarter hour and
    /// reads the fire time at each run; the others fire once a day at their fire time.
    /// </summary>
    public static JobSchedule For(string rule, CareSchedule schedule) => rule == CareRuleNames.SlaDigest
        ? new(SlaDigestJobRunner.CronExpression, JobsServiceCollectionExtensions.DefaultTimeZone)
        : new(CareRulesValidator.Cron(schedule), CareRulesValidator.TryFindZone(schedule.TimeZone, out var zone) ? zone : JobsServiceCollectionExtensions.DefaultTimeZone);
}
