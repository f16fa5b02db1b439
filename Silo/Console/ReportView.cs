using MudBlazor;
using WealthActors.Permissions;
using WealthActors.ReadModel;
using WealthActors.Silo.Reports;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// Everything the reports page shows, read once from the read model in the person's scope and shaped for the charts:
/// four queries (the complaints of the window, clients per tier, per advisor, the maturing holdings) and a count.
/// </summary>
public sealed record ReportView(
    TimeRange Span,
    string[] WeekLabels,
    IReadOnlyList<Attainment> ByBranch,
    List<ChartSeries<double>> AttainmentSeries,
    IReadOnlyList<WeekCount> Breaches,
    List<ChartSeries<double>> BreachSeries,
    IReadOnlyList<(MinuteRange Bucket, int Cases)> Responses,
    string[] ResponseLabels,
    List<ChartSeries<double>> ResponseSeries,
    IReadOnlyList<CategoryCount> Categories,
    string[] CategoryLabels,
    List<ChartSeries<double>> CategorySeries,
    IReadOnlyList<TierTotal> Tiers,
    string[] TierLabels,
    List<ChartSeries<double>> AumSeries,
    IReadOnlyList<MaturityBucket> Maturities,
    string[] MaturityLabels,
    List<ChartSeries<double>> MaturitySeries,
    int DormancyDays,
    DateTimeOffset DormantSince,
    int Dormant,
    IReadOnlyList<Workload> Workloads,
    string[] WorkloadLabels,
    List<ChartSeries<double>> WorkloadSeries)
{
    // A donut or bar with more slices than this is unreadable; the table lists them all.
    private const int ChartedItems = 10;

    public static async Task<ReportView> Load(IReportQueries reports, AccessScope scope, DateTimeOffset now, int weeks, int dormancyDays, ReportTexts texts)
    {
        var window = ReportWeeks.Ending(now, weeks);
        var span = ReportWeeks.Span(window);
        var today = ReportWeeks.Today(now);
        var complaints = await reports.ComplaintsActiveBetween(span.From, span.To, scope);
        var tiers = await reports.ClientsByTier(scope);
        var advisors = await reports.ClientsByAdvisor(scope);
        var maturing = await reports.MaturingHoldings(today, today.AddDays(BookReports.MaturityBuckets[^1].ToDay), scope);
        var dormantSince = now.AddDays(-dormancyDays);
        var dormant = await reports.CountClients(new ClientFilter(Scope: scope, InactiveSince: dormantSince));

        var weekly = ComplaintReports.WeeklyAttainment(complaints, window);
        var breaches = ComplaintReports.BreachesAndEscalations(complaints, window);
        var responses = ComplaintReports.FirstResponseDistribution(complaints, window);
        var categories = ComplaintReports.ByCategory(complaints, window);
        var maturities = BookReports.MaturityPipeline(maturing, today);
        var workloads = BookReports.Workloads(advisors, ComplaintReports.OpenByAssignee(complaints));
        var charted = categories.Take(ChartedItems).ToList();
        var busiest = workloads.Take(ChartedItems).ToList();

        return new ReportView(
            span,
            [.. window.Select(ReportWeeks.Label)],
            ComplaintReports.SlaAttainment(complaints, window),
            // A week without an answered (resolved) case has no percentage: no bar, not a bar at 0 %.
            [Gapped(texts.FirstResponseOnTime, weekly.Select(a => a.FirstResponsePercent)), Gapped(texts.ResolutionOnTime, weekly.Select(a => a.ResolutionPercent))],
            breaches,
            [Series(texts.Breaches, breaches.Select(w => (double)w.Breaches)), Series(texts.Escalations, breaches.Select(w => (double)w.Escalations))],
            responses,
            [.. responses.Select(r => texts.Bucket(r.Bucket))],
            [Series(texts.Cases, responses.Select(r => (double)r.Cases))],
            categories,
            [.. charted.Select(c => c.Category)],
            [Series(texts.Cases, charted.Select(c => (double)c.Cases))],
            tiers,
            [.. tiers.Select(t => texts.Tiers[t.Tier])],
            [Series(texts.Aum, tiers.Select(t => (double)t.Aum))],
            maturities,
            [.. BookReports.MaturityBuckets.Select(b => ReportTexts.Format(texts.DaysFormat, b.FromDay, b.ToDay))],
            [Series(texts.Amount, maturities.Select(m => (double)m.Amount))],
            dormancyDays,
            dormantSince,
            dormant,
            workloads,
            [.. busiest.Select(w => w.EmployeeId)],
            [Series(texts.OpenComplaints, busiest.Select(w => (double)w.OpenComplaints)), Series(texts.Clients, busiest.Select(w => (double)w.Clients))]);
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) =>
        new() { Name = name, Data = new ChartData<double>(values.ToArray()) };

    private static ChartSeries<double> Gapped(string name, IEnumerable<double?> values) =>
        new() { Name = name, Data = new ChartData<double>(values.ToArray()) };
}
