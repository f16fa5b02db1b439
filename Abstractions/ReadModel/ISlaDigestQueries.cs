namespace WealthActors.ReadModel;

/// <summary>The read-model queries behind the daily SLA digest: no complaint grain is activated to build it.</summary>
public interface ISlaDigestQueries
{
    /// <summary>Every branch and region, by id.</summary>
    Task<IReadOnlyList<BranchRow>> ListBranches(CancellationToken cancellationToken = default);

    /// <summary>
    /// The SLA picture of <paramref name="branchId"/>: breaches and escalations count from <paramref name="since"/>;
    /// <see cref="BranchSlaSummary.MostOverdue"/> holds up to <paramref name="overdueLimit"/> open complaints with a
    /// breach, earliest breached deadline first.
    /// </summary>
    Task<BranchSlaSummary> BranchSlaSummary(string branchId, DateTimeOffset since, int overdueLimit, CancellationToken cancellationToken = default);
}
