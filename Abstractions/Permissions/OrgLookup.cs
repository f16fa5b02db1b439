using WealthActors.Branches;
using WealthActors.Employees;

namespace WealthActors.Permissions;

/// <summary>
/// The org-chart lookups a permission check needs, remembered for one request or one chat message, so a list of
/// twenty rows with the same advisor loads that advisor once.
/// </summary>
public sealed class OrgLookup(IGrainFactory grains)
{
    private readonly Dictionary<string, EmployeeProfile?> _employees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BranchProfile?> _branches = new(StringComparer.Ordinal);

    public async Task<EmployeeProfile?> Employee(string employeeId)
    {
        if (!_employees.TryGetValue(employeeId, out var found))
        {
            found = await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile();
            _employees[employeeId] = found;
        }

        return found;
    }

    public async Task<BranchProfile?> Branch(string branchId)
    {
        if (!_branches.TryGetValue(branchId, out var found))
        {
            found = await grains.GetGrain<IBranchGrain>(branchId).GetProfile();
            _branches[branchId] = found;
        }

        return found;
    }

    /// <summary>The subject of a client or case: its branch (and region, for a regional head) and its owners' managers.</summary>
    public async Task<AccessSubject> Subject(AccessPrincipal principal, string branchId, params string?[] ownerIds)
    {
        var owners = new List<SubjectOwner>();
        foreach (var id in ownerIds.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            owners.Add(new SubjectOwner(id, (await Employee(id))?.ManagerId));
        }

        // Only a regional head's rights depend on the region, so only they pay for the branch lookup.
        var parent = principal.Role == EmployeeRole.RegionalHead ? (await Branch(branchId))?.ParentBranchId : null;
        return new AccessSubject(branchId, parent, owners);
    }

    public async Task<bool> May(AccessPrincipal principal, Access access, string branchId, params string?[] ownerIds) =>
        AccessRules.Allows(principal, await Subject(principal, branchId, ownerIds), access);
}
