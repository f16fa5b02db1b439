using Orleans.Configuration;
using WealthActors.Grains.Complaints;
using WealthActors.Grains.ServiceRequests;
using WealthActors.Grains.Tasks;

namespace WealthActors.Silo.Hosting;

/// <summary>
/// How long an idle case (complaint, service request, task) stays in memory. A case is idle from one command to the
/// next and until its deadline, which its reminder keeps in the reminder table whether or not it is active, so an
/// activation kept for Orleans' 15 minutes only holds memory: with a million cases opened in a row, every one stayed
/// in the heap and the collector took half the silo's CPU. Two minutes covers a person working a case (acknowledge,
/// note, resolve in one sitting); a case called later, or falling due, is read back from storage, which at 100,000 open
/// cases cost about a fifth more silo CPU over an escalation wave (docs/BENCHMARKS.md). Clients and employees, fewer
/// and called more often, keep Orleans' default. An operator overrides either under
/// <c>Orleans:GrainCollection</c> (<c>ClassSpecificCollectionAge:&lt;grain class&gt;</c>).
/// </summary>
public static class GrainCollectionDefaults
{
    private static readonly TimeSpan CaseCollectionAge = TimeSpan.FromMinutes(2);

    public static void Apply(GrainCollectionOptions options)
    {
        // Orleans keys the age by the grain class's full name.
        foreach (var caseGrain in new[] { typeof(ComplaintGrain), typeof(ServiceRequestGrain), typeof(TaskGrain) })
        {
            options.ClassSpecificCollectionAge[caseGrain.FullName!] = CaseCollectionAge;
        }
    }
}
