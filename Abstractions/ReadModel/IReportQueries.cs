using WealthActors.Permissions;

namespace WealthActors.ReadModel;

/// <summary>
/// What the console's reports read: facts of the read model in a person's scope, summed in the database where the
/// table is the book of clients, and as rows where a report needs a case's own instants. Never a grain.
/// </summary>
public interface IReportQueries
{
    /// <summary>
    /// The complaints open at some time in [<paramref name="from"/>, <paramref name="to"/>): opened before its end and
    /// not resolved before its start. Every such row, unpaged: a report's window of weeks bounds them.
    /// </summary>
    Task<IReadOnlyList<ComplaintRow>> ComplaintsActiveBetween(
        DateTimeOffset from, DateTimeOffset to, AccessScope? scope, CancellationToken cancellationToken = default);

    /// <summary>Clients and assets under management per tier (tiers without a client are left out).</summary>
    Task<IReadOnlyList<TierTotal>> ClientsByTier(AccessScope? scope, CancellationToken cancellationToken = default);

    /// <summary>How many clients each advisor looks after.</summary>
    Task<IReadOnlyList<OwnerCount>> ClientsByAdvisor(AccessScope? scope, CancellationToken cancellationToken = default);

    /// <summary>The holdings maturing on a day in [<paramref name="from"/>, <paramref name="to"/>], earliest first.</summary>
    Task<IReadOnlyList<MaturingHolding>> MaturingHoldings(
        DateOnly from, DateOnly to, AccessScope? scope, CancellationToken cancellationToken = default);

    /// <summary>How many clients match <paramref name="filter"/>; its limit and offset play no part.</summary>
    Task<int> CountClients(ClientFilter filter, CancellationToken cancellationToken = default);

    /// <summary>A page of the clients matching <paramref name="filter"/>, by name then id.</summary>
    Task<IReadOnlyList<ClientRow>> ListClients(ClientFilter filter, CancellationToken cancellationToken = default);
}

/// <summary>A list of clients: only the criteria given apply; null <see cref="Scope"/> is every client.</summary>
/// <param name="InactiveSince">
/// Dormant: the last contact at or before this instant (a client never contacted counts from becoming a client), the
/// care rules' own definition of dormancy.
/// </param>
/// <param name="MaturingFrom">With a holding maturing on or after this day (and on or before <paramref name="MaturingTo"/>).</param>
public sealed record ClientFilter(
    AccessScope? Scope = null,
    ClientTier? Tier = null,
    string? AdvisorId = null,
    DateTimeOffset? InactiveSince = null,
    DateOnly? MaturingFrom = null,
    DateOnly? MaturingTo = null,
    int Limit = 100,
    int Offset = 0);

/// <summary>The clients of one tier and the assets they hold with us.</summary>
public sealed record TierTotal(ClientTier Tier, int Clients, decimal Aum);

/// <summary>How many rows an owner (an advisor, an assignee) has.</summary>
public sealed record OwnerCount(string OwnerId, int Count);

/// <summary>One holding that matures, with the client and advisor it belongs to.</summary>
public sealed record MaturingHolding(string ClientId, string AdvisorId, string ProductName, DateOnly MaturityDate, decimal Amount);
