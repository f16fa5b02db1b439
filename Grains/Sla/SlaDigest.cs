using System.Globalization;
using System.Text;
using static System.FormattableString;
using WealthActors.Employees;
using WealthActors.ReadModel;

namespace WealthActors.Grains.Sla;

/// <summary>
/// The daily SLA digest a branch head receives: open complaints by SLA state, breaches and escalations of the last
/// 24 hours, and the most overdue complaints. Pure: rows and an instant in, its text in Chinese and English out.
/// </summary>
public static class SlaDigest
{
    public const int MostOverdueCount = 5;

    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The inbox de-duplication key: one digest per branch and branch-local date.</summary>
    public static string Key(string branchId, DateOnly localDate) =>
        $"sla-digest:{branchId}:{localDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static MessageText Build(BranchRow branch, BranchSlaSummary summary, DateOnly localDate, DateTimeOffset now) => new(
        Build(branch, summary, localDate, now, english: false), Build(branch, summary, localDate, now, english: true));

    private static string Build(BranchRow branch, BranchSlaSummary summary, DateOnly localDate, DateTimeOffset now, bool english)
    {
        string Say(string chinese, string inEnglish) => english ? inEnglish : chinese;
        var date = localDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var open = summary.OnTrack + summary.AtRisk + summary.Breached + summary.Paused;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{Say("【SLA 日报", "SLA digest")} {date}{Say("】", ":")} {branch.Name} ({branch.BranchId})")
            .AppendLine()
            .Append(english
                ? Invariant($"Open: {open} — on track {summary.OnTrack}, at risk {summary.AtRisk}, breached {summary.Breached}, paused {summary.Paused}")
                : Invariant($"未结投诉 {open} 件：正常 {summary.OnTrack}，临近 {summary.AtRisk}，超时 {summary.Breached}，暂停 {summary.Paused}"))
            .AppendLine()
            .Append(english
                ? Invariant($"Last 24 h: breaches {summary.BreachedSince}, escalations {summary.EscalatedSince}")
                : Invariant($"过去24小时：超时 {summary.BreachedSince}，升级 {summary.EscalatedSince}"));

        var overdue = summary.MostOverdue.Where(row => row.BreachedAt is not null).Take(MostOverdueCount).ToList();
        if (overdue.Count == 0)
        {
            return text.AppendLine().Append(Say("无超时投诉。", "Nothing overdue.")).ToString();
        }

        text.AppendLine().Append(Say("最超时：", "Most overdue:"));
        foreach (var row in overdue)
        {
            var late = Overdue(now - row.BreachedAt!.Value);
            text.AppendLine().Append(english
                ? Invariant($"- {row.ComplaintId} client {row.ClientId}, assignee {row.Assignee ?? "-"}, overdue {late}")
                : Invariant($"- {row.ComplaintId} 客户 {row.ClientId}，负责人 {row.Assignee ?? "-"}，超时 {late}"));
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
