using WealthActors.ReadModel;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// What the SLA board reads each time it shows or refreshes: the open complaints of a filter counted by SLA state, and
/// one page of them in the chosen order. Two read-model queries, however many cases there are; the board and its
/// benchmark run exactly these.
/// </summary>
public static class SlaBoardQuery
{
    public const int PageSize = 25;

    /// <param name="filter">Branch, assignee, category, severity and scope; the open cases of it are counted.</param>
    /// <param name="page">1-based; a page beyond the last is read as the last.</param>
    public static async Task<SlaBoardPage> Load(
        IReadModelQueries readModel, ComplaintFilter filter, SlaState? state, ComplaintOrder order, int page, CancellationToken cancellationToken = default)
    {
        var open = filter with { OpenOnly = true };
        var counts = await readModel.CountComplaintsBySlaState(open, cancellationToken);
        var matching = state is { } only ? counts.GetValueOrDefault(only) : counts.Values.Sum();
        var pages = Math.Max(1, (matching + PageSize - 1) / PageSize);
        var current = Math.Clamp(page, 1, pages);
        var rows = await readModel.ListComplaints(
            open with { SlaState = state, Limit = PageSize, Offset = (current - 1) * PageSize, Order = order }, cancellationToken);
        return new SlaBoardPage(counts, rows, current, pages);
    }
}

/// <summary>One showing of the board: the counts by SLA state, the rows of the page, which page it is and how many there are.</summary>
public sealed record SlaBoardPage(IReadOnlyDictionary<SlaState, int> Counts, IReadOnlyList<ComplaintRow> Rows, int Page, int Pages);
