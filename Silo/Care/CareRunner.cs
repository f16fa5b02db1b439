using System.Collections.Concurrent;
using WealthActors.Care;
using WealthActors.Employees;
using WealthActors.Grains.Care;
using WealthActors.Silo.Jobs;
using WealthActors.Tasks;

namespace WealthActors.Silo.Care;

/// <summary>
/// One care rule as a job: read the settings, scan the read model (which leaves out recorded occurrences), create a
/// task per occurrence for the advisor (and whoever else the rule names) and tell them with the rule's message, which
/// names the task, then record the occurrences. Creating and telling come first: a crash before the record creates
/// the same task again (its id comes from the occurrence, so it is found, not doubled) and delivers the same key
/// again, which the inbox keeps once.
/// </summary>
public abstract partial class CareRunner(ICareScanQueries queries, ICareContext context, ILogger logger) : IWealthActorsJobRunner
{
    /// <summary>Occurrences delivered between two ledger writes.</summary>
    private const int BatchSize = 500;

    private static readonly string[] InboxOnly = ["inbox"];

    public abstract string Name { get; }

    protected ICareContext Context => context;

    protected ILogger Logger => logger;

    public async Task<JobRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rules = await context.Rules();
        var schedule = rules.ScheduleOf(Name) ?? throw new InvalidOperationException($"'{Name}' is not a scheduled care rule.");
        if (!schedule.Enabled)
        {
            LogDisabled(logger, Name);
            return new JobRunResult(Name, 0, 0);
        }

        var zone = CareRulesValidator.TryFindZone(schedule.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var run = new CareRun(rules, now, CareWindows.LocalToday(now, zone), zone);
        var candidates = await Scan(run, cancellationToken);
        var created = 0;
        foreach (var batch in candidates.Chunk(BatchSize))
        {
            var delivered = new ConcurrentBag<CareOccurrence>();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (candidate, _) =>
            {
                if (await PlanAsync(candidate, run) is not { } plan)
                {
                    return;
                }

                var message = new InboxMessage(
                    plan.Occurrence.Key, InboxKind.Task, plan.Occurrence.Key, null, candidate.ClientId, plan.Text.Chinese, now, InboxOnly,
                    EnglishText: plan.Text.English);
                foreach (var employeeId in await Recipients(candidate, run))
                {
                    var task = new CreateTask(candidate.ClientId, plan.Text.Chinese, null, employeeId, TaskKinds.Care,
                        Source: $"care:{Name}", EnglishTitle: plan.Text.English, Announce: false);
                    var taskId = await context.CreateTask(TaskIds.ForOccurrence($"{plan.Occurrence.Key}:{employeeId}"), task);
                    if (await context.Deliver(employeeId, message with { TaskId = taskId }))
                    {
                        Interlocked.Increment(ref created);
                    }
                }

                delivered.Add(plan.Occurrence);
            });
            await queries.RecordOccurrences(delivered.ToArray(), cancellationToken);
        }

        LogRan(logger, Name, run.Today, candidates.Count, created);
        return new JobRunResult(Name, candidates.Count, created);
    }

    /// <summary>The candidates of this run, occurrences already recorded left out.</summary>
    protected abstract Task<IReadOnlyList<CareCandidate>> Scan(CareRun run, CancellationToken cancellationToken);

    /// <summary>The occurrence and the task's text for a candidate, or null to skip it.</summary>
    protected abstract CarePlan? Plan(CareCandidate candidate, CareRun run);

    /// <summary>As <see cref="Plan"/>, for a rule whose text needs to ask something first.</summary>
    protected virtual Task<CarePlan?> PlanAsync(CareCandidate candidate, CareRun run) => Task.FromResult(Plan(candidate, run));

    /// <summary>Who gets the task: the advisor unless a rule says more.</summary>
    protected virtual Task<IReadOnlyList<string>> Recipients(CareCandidate candidate, CareRun run) =>
        Task.FromResult<IReadOnlyList<string>>([candidate.AdvisorId]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Care rule {Rule} is disabled; nothing scanned")]
    private static partial void LogDisabled(ILogger logger, string rule);

    [LoggerMessage(Level = LogLevel.Information, Message = "Care rule {Rule} for {Today}: {Scanned} candidates, {Created} tasks delivered")]
    private static partial void LogRan(ILogger logger, string rule, DateOnly today, int scanned, int created);
}

/// <summary>One run's settings and clock: <see cref="Today"/> is the local date in the rule's zone.</summary>
public sealed record CareRun(CareRules Rules, DateTimeOffset Now, DateOnly Today, TimeZoneInfo Zone);

public sealed record CarePlan(CareOccurrence Occurrence, MessageText Text);
