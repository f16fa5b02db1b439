namespace WealthActors.Silo.Jobs;

/// <summary>
/// What a named job does, apart from when: the scheduled job (<see cref="RunnerJob"/>) and the admin's "run now" call
/// the same runner. Registered with <see cref="JobsServiceCollectionExtensions.AddWealthActorsJobRunner{TRunner}"/>.
/// </summary>
public interface IWealthActorsJobRunner
{
    /// <summary>The job's fixed name (its Quartz job and trigger name).</summary>
    string Name { get; }

    Task<JobRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
