using WealthActors.Branches;
using WealthActors.Employees;

namespace WealthActors.Grains.Org;

/// <summary>
/// Finds who holds each role for a case: the assignee's manager is its team lead, the branch head heads the
/// client's branch, the regional head heads the branch's parent. A role nobody holds falls back to the next one up
/// that someone does, so an escalation always reaches a person.
/// </summary>
public sealed class EscalationTargets(IGrainFactory grains)
{
    public async Task<Dictionary<EmployeeRole, string>> Resolve(string branchId, string? assigneeId)
    {
        var targets = new Dictionary<EmployeeRole, string>();
        // The assignee and the branch are asked at once: neither answer depends on the other.
        var assigneeProfile = assigneeId is null ? Task.FromResult<EmployeeProfile?>(null) : grains.GetGrain<IEmployeeGrain>(assigneeId).GetProfile();
        var branchProfile = grains.GetGrain<IBranchGrain>(branchId).GetProfile();
        if (assigneeId is not null)
        {
            targets[EmployeeRole.Advisor] = assigneeId;
            if ((await assigneeProfile)?.ManagerId is { Length: > 0 } managerId)
            {
                targets[EmployeeRole.TeamLead] = managerId;
            }
        }

        var branch = await branchProfile;
        if (branch is not null)
        {
            targets[EmployeeRole.BranchHead] = branch.HeadEmployeeId;
            if (branch.ParentBranchId is { Length: > 0 } parentId
                && await grains.GetGrain<IBranchGrain>(parentId).GetProfile() is { } region)
            {
                targets[EmployeeRole.RegionalHead] = region.HeadEmployeeId;
            }
        }

        FallBack(targets, EmployeeRole.TeamLead, EmployeeRole.BranchHead);
        FallBack(targets, EmployeeRole.RegionalHead, EmployeeRole.BranchHead);
        FallBack(targets, EmployeeRole.Compliance, EmployeeRole.BranchHead);
        return targets;
    }

    private static void FallBack(Dictionary<EmployeeRole, string> targets, EmployeeRole role, EmployeeRole to)
    {
        if (!targets.ContainsKey(role) && targets.TryGetValue(to, out var id))
        {
            targets[role] = id;
        }
    }
}
