using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Permissions;

namespace WealthActors.ReadModel;

/// <summary>Queries over the read model: everything that finds grains by something other than their key.</summary>
public interface IReadModelQueries
{
    /// <summary>Clients whose id equals <paramref name="query"/> or whose name contains it; best matches first.</summary>
    Task<IReadOnlyList<ClientRow>> SearchClients(string query, int limit, CancellationToken cancellationToken = default) =>
        SearchClients(query, limit, null, cancellationToken);

    /// <summary>As above, only among the clients of <paramref name="scope"/> (null: all), their advisor being the owner.</summary>
    Task<IReadOnlyList<ClientRow>> SearchClients(string query, int limit, AccessScope? scope, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ComplaintRow>> ListComplaints(ComplaintFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many complaints match <paramref name="filter"/> in each SLA state (states without any are left out);
    /// its limit, offset and order play no part. A board's counts, one query however many rows there are.
    /// </summary>
    Task<IReadOnlyDictionary<SlaState, int>> CountComplaintsBySlaState(ComplaintFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// A complaint's archived timeline events numbered below <paramref name="before"/>, newest first (the grain keeps the
    /// recent ones).
    /// </summary>
    Task<IReadOnlyList<NumberedTimelineEntry>> TimelineHistory(string complaintId, long before, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// A client's logged interactions, newest first (by when they happened, then by number), those after
    /// <paramref name="before"/> only (null: from the newest), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<InteractionRow>> InteractionHistory(
        string clientId, InteractionCursor? before, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the clients whose advisor is <paramref name="advisorId"/>, in ordinal order, after
    /// <paramref name="afterClientId"/> (null: from the start), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<string>> ClientIdsOfAdvisor(
        string advisorId, string? afterClientId, int limit, CancellationToken cancellationToken = default);

    /// <summary>An employee's full inbox history (the grain keeps only the recent part), newest first.</summary>
    Task<IReadOnlyList<InboxMessage>> InboxHistory(string employeeId, int limit, CancellationToken cancellationToken = default);
}
