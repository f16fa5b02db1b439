using WealthActors.ReadModel;

namespace WealthActors.Silo.Reports;

/// <summary>The reports on the book of clients, as pure functions of read-model sums and rows.</summary>
public static class BookReports
{
    /// <summary>The maturity pipeline's buckets: days from today, both ends included.</summary>
    public static readonly IReadOnlyList<(int FromDay, int ToDay)> MaturityBuckets = [(0, 30), (31, 60), (61, 90)];

    /// <summary>Holdings maturing in each of <see cref="MaturityBuckets"/>: how many, how much, for how many clients.</summary>
    public static IReadOnlyList<MaturityBucket> MaturityPipeline(IEnumerable<MaturingHolding> holdings, DateOnly today)
    {
        var list = holdings.ToList();
        return MaturityBuckets.Select(bucket =>
        {
            var from = today.AddDays(bucket.FromDay);
            var to = today.AddDays(bucket.ToDay);
            var inBucket = list.Where(h => h.MaturityDate >= from && h.MaturityDate <= to).ToList();
            return new MaturityBucket(from, to, inBucket.Count, inBucket.Sum(h => h.Amount),
                inBucket.Select(h => h.ClientId).Distinct(StringComparer.Ordinal).Count());
        }).ToList();
    }

    /// <summary>
    /// Each person's load: clients looked after and open complaints assigned, the heaviest first. Everyone who has
    /// either appears.
    /// </summary>
    public static IReadOnlyList<Workload> Workloads(IEnumerable<OwnerCount> clientsByAdvisor, IReadOnlyDictionary<string, int> openByAssignee)
    {
        var clients = clientsByAdvisor.ToDictionary(c => c.OwnerId, c => c.Count, StringComparer.Ordinal);
        return clients.Keys.Union(openByAssignee.Keys, StringComparer.Ordinal)
            .Select(id => new Workload(id, clients.GetValueOrDefault(id), openByAssignee.GetValueOrDefault(id)))
            .OrderByDescending(w => w.OpenComplaints).ThenByDescending(w => w.Clients).ThenBy(w => w.EmployeeId, StringComparer.Ordinal)
            .ToList();
    }
}

public sealed record MaturityBucket(DateOnly From, DateOnly To, int Holdings, decimal Amount, int Clients);

public sealed record Workload(string EmployeeId, int Clients, int OpenComplaints);
