using System.Globalization;
using System.Text;
using WealthActors.ReadModel;

namespace WealthActors.Grains.Sla;

/// <summary>
/// The daily SLA digest a branch head receives: open complaints by SLA state, breaches and escalations of the last
/// 24 hours, and the most overdue complaints. Pure: rows and an instant in, bilingual text out.
/// </summary>
public static class SlaDigest
{
    public const int MostOverdueCount = 5;

    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The inbox de-duplication key: one digest per branch and branch-local date.</summary>
    public static string Key(string branchId, DateOnly localDate) =>
        $"sla-digest:{branchId}:{localDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static string Build(BranchRow branch, BranchSlaSummary summary, DateOnly localDate, DateTimeOffset now)
    {
        var date = localDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var open = summary.OnTrack + summary.AtRisk + summary.Breached + summary.Paused;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"【SLA 日报 {date}】{branch.Name} ({branch.BranchId}) / SLA digest {date}")
            .AppendLine()
            .Append(CultureInfo.InvariantCulture,
                $"未结投诉 Open: {open} — 正常 OnTrack {summary.OnTrack}, 临近 AtRisk {summary.AtRisk}, 超时 Breached {summary.Breached}, 暂停 Paused {summary.Paused}")
            .AppendLine()
            .Append(CultureInfo.InvariantCulture,
                $"过去24小时 Last 24 h: 超时 breaches {summary.BreachedSince}, 升级 escalations {summary.EscalatedSince}");

        var overdue = summary.MostOverdue.Where(row => row.BreachedAt is not null).Take(MostOverdueCount).ToList();
        if (overdue.Count == 0)
        {
            return text.AppendLine().Append("无超时投诉 / Nothing overdue.").ToString();
        }

        text.AppendLine().Append("最超时 Most overdue:");
        foreach (var row in overdue)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"- {row.ComplaintId} 客户 client {row.ClientId}, 负责人 assignee {row.Assignee ?? "-"}, 超时 overdue {Overdue(now - row.BreachedAt!.Value)}");
        }

        return text.ToString();
    }

    /// <summary>"2d 3h", "5h 20m", "12m": days and hours, or hours and minutes, never seconds.</summary>
    public static string Overdue(TimeSpan overdue)
    {
        if (overdue < TimeSpan.Zero)
        {
            overdue = TimeSpan.Zero;
        }

        return overdue.TotalDays >= 1
            ? $"{(int)overdue.TotalDays}d {overdue.Hours}h"
            : overdue.TotalHours >= 1 ? $"{(int)overdue.TotalHours}h {overdue.Minutes}m" : $"{overdue.Minutes}m";
    }
}
