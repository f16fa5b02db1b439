using System.Globalization;
using WealthActors.Care;
using WealthActors.Silo.Jobs;

namespace WealthActors.Silo.Digest;

/// <summary>
/// The <c>sla-digest</c> job: runs every quarter hour (so branches in zones with half-hour offsets are served on time)
/// and sends the digests due at the fire time kept in the care rules, read at each run so a change applies at once.
/// </summary>
public sealed class SlaDigestJobRunner(SlaDigestRunner digests, IGrainFactory grains) : IWealthActorsJobRunner
{
    public const string CronExpression = "0 0/15 * * * ?";

    public string Name => SlaDigestRunner.JobName;

    public async Task<JobRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var schedule = (await grains.GetGrain<ICareRulesGrain>(ICareRulesGrain.DefaultKey).Get()).SlaDigest.Schedule;
        if (!schedule.Enabled)
        {
            return new JobRunResult(Name, 0, 0);
        }

        // The care rules' validation admits only HH:mm fire times.
        var fireAt = TimeOnly.ParseExact(schedule.FireAt, "HH:mm", CultureInfo.InvariantCulture);
        return await digests.RunAsync(now, fireAt, cancellationToken);
    }
}
