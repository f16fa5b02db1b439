using WealthActors.ReadModel;

namespace WealthActors.Silo.Reports;

/// <summary>
/// The complaint reports as pure functions of read-model rows and the report's weeks. A case counts in the week it was
/// received (attainment, categories, first-response times), a breach in the week it happened, an escalation in the
/// week of the case's latest level (the read model keeps the latest instant only).
/// </summary>
public static class ComplaintReports
{
    /// <summary>The first-response time buckets: under 1 h, 1–4 h, 4–8 h, 8–24 h, 1–3 days, 3 days or more (SLA clock time).</summary>
    public static readonly IReadOnlyList<MinuteRange> ResponseBuckets =
    [
        new(0, 60), new(60, 240), new(240, 480), new(480, 1440), new(1440, 4320), new(4320, null),
    ];

    /// <summary>First response and resolution on time, per branch and week received; branches in id order.</summary>
    public static IReadOnlyList<Attainment> SlaAttainment(IEnumerable<ComplaintRow> rows, IReadOnlyList<TimeRange> weeks)
    {
        var received = rows.Select(row => (Row: row, Week: WeekOf(weeks, row.OpenedAt))).Where(r => r.Week is not null).ToList();
        return received
            .GroupBy(r => (r.Row.BranchId, Week: r.Week!))
            .OrderBy(g => g.Key.BranchId, StringComparer.Ordinal).ThenBy(g => g.Key.Week.From)
            .Select(g => Attainment.Of(g.Key.BranchId, g.Key.Week, g.Select(r => r.Row)))
            .ToList();
    }

    /// <summary>As <see cref="SlaAttainment"/>, all branches together, one entry per week (weeks without cases too).</summary>
    public static IReadOnlyList<Attainment> WeeklyAttainment(IEnumerable<ComplaintRow> rows, IReadOnlyList<TimeRange> weeks)
    {
        var list = rows.ToList();
        return weeks.Select(week => Attainment.Of(null, week, list.Where(row => week.Contains(row.OpenedAt)))).ToList();
    }

    /// <summary>Breaches and escalations per week.</summary>
    public static IReadOnlyList<WeekCount> BreachesAndEscalations(IEnumerable<ComplaintRow> rows, IReadOnlyList<TimeRange> weeks)
    {
        var list = rows.ToList();
        return weeks.Select(week => new WeekCount(
            week,
            Breaches: list.Count(row => week.Contains(row.BreachedAt)),
            Escalations: list.Count(row => row.EscalationLevel > 0 && week.Contains(row.LastEscalatedAt)))).ToList();
    }

    /// <summary>How many cases received in the weeks were first answered within each of <see cref="ResponseBuckets"/>.</summary>
    public static IReadOnlyList<(MinuteRange Bucket, int Cases)> FirstResponseDistribution(IEnumerable<ComplaintRow> rows, IReadOnlyList<TimeRange> weeks)
    {
        var span = ReportWeeks.Span(weeks);
        var minutes = rows.Where(row => span.Contains(row.OpenedAt) && row.FirstResponseMinutes is not null)
            .Select(row => row.FirstResponseMinutes).ToList();
        return ResponseBuckets.Select(bucket => (bucket, minutes.Count(bucket.Contains))).ToList();
    }

    /// <summary>Cases received in the weeks per category, the most first (the hot spots), with how many are still open.</summary>
    public static IReadOnlyList<CategoryCount> ByCategory(IEnumerable<ComplaintRow> rows, IReadOnlyList<TimeRange> weeks)
    {
        var span = ReportWeeks.Span(weeks);
        return rows.Where(row => span.Contains(row.OpenedAt))
            .GroupBy(row => row.Category, StringComparer.Ordinal)
            .Select(g => new CategoryCount(g.Key, g.Count(), g.Count(row => row.Status != ComplaintStatus.Resolved)))
            .OrderByDescending(c => c.Cases).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Open complaints per assignee (unassigned ones are left out).</summary>
    public static IReadOnlyDictionary<string, int> OpenByAssignee(IEnumerable<ComplaintRow> rows) =>
        rows.Where(row => row.Status != ComplaintStatus.Resolved && row.Assignee is not null)
            .GroupBy(row => row.Assignee!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static TimeRange? WeekOf(IReadOnlyList<TimeRange> weeks, DateTimeOffset instant) =>
        weeks.FirstOrDefault(week => week.Contains(instant));
}

/// <summary>
/// SLA attainment of the cases received in a week (in a branch, or all of them when <see cref="BranchId"/> is null):
/// of those answered, how many in time; of those resolved, how many within every deadline.
/// </summary>
public sealed record Attainment(string? BranchId, TimeRange Week, int Received, int Responded, int RespondedOnTime, int Resolved, int ResolvedOnTime)
{
    public double? FirstResponsePercent => Percent(RespondedOnTime, Responded);

    public double? ResolutionPercent => Percent(ResolvedOnTime, Resolved);

    public static Attainment Of(string? branchId, TimeRange week, IEnumerable<ComplaintRow> rows)
    {
        var list = rows.ToList();
        return new Attainment(branchId, week, list.Count,
            Responded: list.Count(row => row.FirstResponseMet is not null),
            RespondedOnTime: list.Count(row => row.FirstResponseMet == true),
            Resolved: list.Count(row => row.ResolutionMet is not null),
            ResolvedOnTime: list.Count(row => row.ResolutionMet == true));
    }

    // No answered (resolved) case: no percentage rather than 0 % or 100 %.
    private static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);
}

public sealed record WeekCount(TimeRange Week, int Breaches, int Escalations);

public sealed record CategoryCount(string Category, int Cases, int Open);
