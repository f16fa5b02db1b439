using Quartz;

namespace WealthActors.Silo.Digest;

/// <summary>
/// Runs every 15 minutes (so zones with half-hour offsets get their digest on time) and sends the digests that are
/// due at <see cref="LocalFireTime"/> branch-local time.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SlaDigestJob(SlaDigestRunner runner, TimeProvider clock) : IJob
{
    public const string CronExpression = "0 0/15 * * * ?";

    public static readonly TimeOnly LocalFireTime = new(9, 0);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(clock.GetUtcNow(), LocalFireTime, cancellationToken);
}
