using WealthActors.Branches;
using WealthActors.Calendars;
using WealthActors.Employees;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Sla;
using WealthActors.ReadModel;
using WealthActors.Silo.Jobs;
using WealthActors.Sla;

namespace WealthActors.Silo.Digest;

/// <summary>
/// Sends each branch head the branch's SLA digest once per branch-local date, at or after the fire time in the
/// branch's calendar time zone. Everything is read from the read model; only the branch and the head are called.
/// </summary>
/// <remarks>
/// Once per date is kept durably by the branch grain, recorded after delivery: a crash in between delivers the same
/// key again, which the head's inbox drops, so nobody gets two digests for a day however busy their inbox is.
/// </remarks>
public sealed partial class SlaDigestRunner(
    ISlaDigestQueries queries,
    IGrainFactory grains,
    IBusinessCalendarProvider calendars,
    ILogger<SlaDigestRunner> logger)
{
    public const string JobName = "sla-digest";

    /// <summary>An array, not a collection expression, so the Orleans serializer knows its type.</summary>
    private static readonly string[] InboxOnly = ["inbox"];

    public async Task<JobRunResult> RunAsync(DateTimeOffset now, TimeOnly localFireTime, CancellationToken cancellationToken)
    {
        var branches = await queries.ListBranches(cancellationToken);
        var created = 0;
        foreach (var branch in branches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                created += await RunBranch(branch, now, localFireTime, cancellationToken) ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One branch's failure must not cost the others their digest; the next run retries it.
                LogBranchFailed(logger, ex, branch.BranchId);
            }
        }

        LogRun(logger, JobName, branches.Count, created);
        return new JobRunResult(JobName, branches.Count, created);
    }

    /// <summary>The time zone the branch's day is read in: its business calendar's, else the default calendar's.</summary>
    public async Task<TimeZoneInfo> TimeZoneOf(BranchRow branch)
    {
        if (branch.CalendarId is { } calendarId && calendars.VersionOf(calendarId) == 0)
        {
            // Perhaps created through another silo moments ago; this silo's refresh has not brought it yet.
            await calendars.FetchFromCatalog(grains, calendarId);
        }

        return calendars.Get(ClockKind.Business, branch.CalendarId) is BusinessCalendar calendar
            ? calendar.TimeZone
            : TimeZoneInfo.FindSystemTimeZoneById(BusinessCalendarDefinition.DefaultTimeZone);
    }

    private async Task<bool> RunBranch(BranchRow branch, DateTimeOffset now, TimeOnly localFireTime, CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(now, await TimeZoneOf(branch));
        var localDate = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) < localFireTime)
        {
            return false;
        }

        var branchGrain = grains.GetGrain<IBranchGrain>(branch.BranchId);
        if (await branchGrain.GetLastDigestDate() is { } last && last >= localDate)
        {
            return false;
        }

        var summary = await queries.BranchSlaSummary(branch.BranchId, now - SlaDigest.Window, SlaDigest.MostOverdueCount, cancellationToken);
        var key = SlaDigest.Key(branch.BranchId, localDate);
        var text = SlaDigest.Build(branch, summary, localDate, now);
        var message = new InboxMessage(key, InboxKind.Digest, key, null, null, text.Chinese, now, InboxOnly, EnglishText: text.English);
        var delivered = await grains.GetGrain<IEmployeeGrain>(branch.HeadEmployeeId).Deliver(message);
        await branchGrain.RecordDigest(localDate);
        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobName}: {Scanned} branches scanned, {Created} digests delivered")]
    private static partial void LogRun(ILogger logger, string jobName, int scanned, int created);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job sla-digest: branch {BranchId} failed; retried on the next run")]
    private static partial void LogBranchFailed(ILogger logger, Exception exception, string branchId);
}
