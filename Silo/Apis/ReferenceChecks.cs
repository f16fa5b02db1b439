using WealthActors.Branches;
using WealthActors.Employees;

namespace WealthActors.Silo.Apis;

/// <summary>
/// What a request names must exist before anything changes, and the org chart's chains (an employee's managers, a
/// branch's parents) must end: escalations walk them to find a team lead and a regional head.
/// </summary>
public static class ReferenceChecks
{
    /// <summary>Longer chains than this are refused as if they looped: no bank's hierarchy is that deep.</summary>
    public const int MaxChainLength = 32;

    public static async Task EmployeeExists(this RequestValidation v, IGrainFactory grains, string employeeId, string field)
    {
        if (await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile() is null)
        {
            v.Add(field, $"Employee '{employeeId}' does not exist.");
        }
    }

    public static async Task BranchExists(this RequestValidation v, IGrainFactory grains, string branchId, string field)
    {
        if (await grains.GetGrain<IBranchGrain>(branchId).GetProfile() is null)
        {
            v.Add(field, $"Branch '{branchId}' does not exist.");
        }
    }

    /// <summary>An employee's branch and manager exist, and the manager's chain of managers does not lead back to them.</summary>
    public static async Task EmployeeReferences(this RequestValidation v, IGrainFactory grains, string employeeId, string branchId, string? managerId)
    {
        await v.BranchExists(grains, branchId, "branchId");
        if (managerId is null)
        {
            return;
        }

        var chain = await Chain(managerId, employeeId, async id => (await grains.GetGrain<IEmployeeGrain>(id).GetProfile()) is { } p ? (true, p.ManagerId) : (false, null));
        Report(v, chain, "managerId", $"Employee '{managerId}' does not exist.", $"'{managerId}' is managed, directly or further up, by '{employeeId}': the chain would form a cycle.");
    }

    /// <summary>
    /// A branch's parent exists and does not have the branch above it. The head need not exist while the branch is
    /// being created, because an employee must name an existing branch: the org chart is built branch first, then its
    /// people. Once the branch exists, a head it is given must exist.
    /// </summary>
    public static async Task BranchReferences(this RequestValidation v, IGrainFactory grains, string branchId, string headEmployeeId, string? parentBranchId)
    {
        if (await grains.GetGrain<IBranchGrain>(branchId).GetProfile() is { } existing && existing.HeadEmployeeId != headEmployeeId)
        {
            await v.EmployeeExists(grains, headEmployeeId, "headEmployeeId");
        }

        if (parentBranchId is null)
        {
            return;
        }

        var chain = await Chain(parentBranchId, branchId, async id => (await grains.GetGrain<IBranchGrain>(id).GetProfile()) is { } p ? (true, p.ParentBranchId) : (false, null));
        Report(v, chain, "parentBranchId", $"Branch '{parentBranchId}' does not exist.", $"'{parentBranchId}' lies under '{branchId}': the chain would form a cycle.");
    }

    private enum ChainEnd
    {
        Ends,
        FirstMissing,
        Loops,
    }

    /// <summary>Walks up from <paramref name="first"/> (which must exist) and tells whether the chain reaches <paramref name="self"/>.</summary>
    private static async Task<ChainEnd> Chain(string first, string self, Func<string, Task<(bool Exists, string? Next)>> up)
    {
        if (first == self)
        {
            return ChainEnd.Loops;
        }

        var (exists, next) = await up(first);
        if (!exists)
        {
            return ChainEnd.FirstMissing;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { first };
        for (var step = 0; next is not null; step++)
        {
            // Reaching ourselves closes a loop; a loop above us that does not include us is not this request's doing.
            if (next == self || step >= MaxChainLength)
            {
                return ChainEnd.Loops;
            }

            if (!seen.Add(next))
            {
                return ChainEnd.Ends;
            }

            (_, next) = await up(next);
        }

        return ChainEnd.Ends;
    }

    private static void Report(RequestValidation v, ChainEnd end, string field, string missing, string loops)
    {
        if (end == ChainEnd.FirstMissing)
        {
            v.Add(field, missing);
        }
        else if (end == ChainEnd.Loops)
        {
            v.Add(field, loops);
        }
    }
}
