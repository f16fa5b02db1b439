using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The matching and ordering rules both read-model implementations follow, written once so the in-memory one
/// (for tests) cannot drift from the SQL one.
/// </summary>
internal static class ReadModelSemantics
{
    /// <summary>More rows than any screen shows; a caller asking for more gets this many.</summary>
    public const int MaxLimit = 1000;

    public static int ClampLimit(int limit) => Math.Clamp(limit, 0, MaxLimit);

    /// <summary>
    /// Names are matched case-insensitively through a culture-invariant upper-cased copy. SQLite's own upper()
    /// and LIKE fold ASCII only, so the SQL implementation stores this key instead of folding in the query.
    /// </summary>
    public static string NameKey(string text) => text.ToUpperInvariant();

    /// <summary>0: the id equals the query; 1: the name starts with it; 2: the name contains it; null: no match.</summary>
    public static int? SearchRank(ClientRow row, string query, string queryKey)
    {
        if (string.Equals(row.ClientId, query, StringComparison.Ordinal))
        {
            return 0;
        }

        var nameKey = NameKey(row.Name);
        if (nameKey.StartsWith(queryKey, StringComparison.Ordinal))
        {
            return 1;
        }

        return nameKey.Contains(queryKey, StringComparison.Ordinal) ? 2 : null;
    }

    public static bool Matches(ComplaintFilter filter, ComplaintRow row, Func<string, string?> parentOf) =>
        (filter.Scope is null || filter.Scope.Covers(row.BranchId, row.Assignee, filter.Scope.Region is null ? null : parentOf(row.BranchId)))
        && (filter.BranchId is null || row.BranchId == filter.BranchId)
        && (filter.Status is null || row.Status == filter.Status)
        && (filter.SlaState is null || row.SlaState == filter.SlaState)
        && (filter.Assignee is null || row.Assignee == filter.Assignee)
        && (filter.ClientId is null || row.ClientId == filter.ClientId)
        && (filter.Category is null || row.Category == filter.Category)
        && (filter.Severity is null || row.Severity == filter.Severity)
        && (!filter.OpenOnly || row.Status != ComplaintStatus.Resolved)
        && (filter.Opened is null || filter.Opened.Contains(row.OpenedAt))
        && (filter.Breached is null || filter.Breached.Contains(row.BreachedAt))
        && (filter.Escalated is null || filter.Escalated.Contains(row.LastEscalatedAt))
        && (filter.FirstResponse is null || filter.FirstResponse.Contains(row.FirstResponseMinutes));

    /// <summary>Open at some time in [from, to): opened before its end and not resolved before its start.</summary>
    public static bool ActiveBetween(ComplaintRow row, DateTimeOffset from, DateTimeOffset to) =>
        row.OpenedAt < to && (row.ResolvedAt is null || row.ResolvedAt >= from);

    /// <summary>When a client last had contact: the last interaction, or becoming a client when there was none.</summary>
    public static DateTimeOffset? LastContact(ClientRow row) => row.LastInteractionAt ?? row.ClientSince;

    /// <summary>The rows in <paramref name="order"/>, as <see cref="ComplaintFilterSql.OrderBy"/> orders in SQL.</summary>
    public static IEnumerable<ComplaintRow> InOrder(IEnumerable<ComplaintRow> rows, ComplaintOrder order) => order switch
    {
        ComplaintOrder.Newest => rows.OrderByDescending(row => row.OpenedAt).ThenBy(row => row.ComplaintId, StringComparer.Ordinal),
        ComplaintOrder.Severity => InUrgencyOrder(rows.OrderByDescending(row => row.Severity)),
        ComplaintOrder.Escalation => InUrgencyOrder(rows.OrderByDescending(row => row.EscalationLevel)),
        _ => InUrgencyOrder(rows),
    };

    // Urgency as the tie-break of an order already begun.
    private static IOrderedEnumerable<ComplaintRow> InUrgencyOrder(IOrderedEnumerable<ComplaintRow> rows) =>
        rows.ThenBy(row => row.NextDeadline is null)
            .ThenBy(row => row.NextDeadline)
            .ThenBy(row => row.OpenedAt)
            .ThenBy(row => row.ComplaintId, StringComparer.Ordinal);

    /// <summary>Most urgent first: the nearest next deadline, complaints without one last, then the oldest.</summary>
    public static IOrderedEnumerable<ComplaintRow> InUrgencyOrder(IEnumerable<ComplaintRow> rows) =>
        rows.OrderBy(row => row.NextDeadline is null)
            .ThenBy(row => row.NextDeadline)
            .ThenBy(row => row.OpenedAt)
            .ThenBy(row => row.ComplaintId, StringComparer.Ordinal);

    /// <summary>Open complaints with a breach, the earliest breached deadline first (the digest's "most overdue").</summary>
    public static IEnumerable<ComplaintRow> MostOverdue(IEnumerable<ComplaintRow> rows, string branchId, int limit) =>
        rows.Where(row => row.BranchId == branchId && row.Status != ComplaintStatus.Resolved && row.BreachedAt is not null)
            .OrderBy(row => row.BreachedAt)
            .ThenBy(row => row.ComplaintId, StringComparer.Ordinal)
            .Take(ClampLimit(limit));

    /// <summary>The digest counts of one branch, as the SQL read models compute them.</summary>
    public static BranchSlaSummary Summarize(IEnumerable<ComplaintRow> rows, string branchId, DateTimeOffset since, int overdueLimit)
    {
        var branch = rows.Where(row => row.BranchId == branchId).ToList();
        var open = branch.Where(row => row.Status != ComplaintStatus.Resolved).ToList();
        return new BranchSlaSummary(
            branchId,
            open.Count(row => row.SlaState == SlaState.OnTrack),
            open.Count(row => row.SlaState == SlaState.AtRisk),
            open.Count(row => row.SlaState == SlaState.Breached),
            open.Count(row => row.SlaState == SlaState.Paused),
            branch.Count(row => row.BreachedAt >= since),
            branch.Count(row => row.LastEscalatedAt >= since),
            MostOverdue(branch, branchId, overdueLimit).ToList());
    }
}
