namespace WealthActors.Permissions;

public enum Access
{
    Read,
    Write,
}

/// <summary>The person asking: their employee id, role and branch.</summary>
public sealed record AccessPrincipal(string EmployeeId, EmployeeRole Role, string BranchId);

/// <summary>Someone who owns a client or a case: the client's advisor or the complaint's assignee, with their manager.</summary>
public sealed record SubjectOwner(string EmployeeId, string? ManagerId);

/// <summary>What a command touches: a client or a complaint, by its branch and its owners.</summary>
/// <param name="ParentBranchId">The region of <paramref name="BranchId"/>, when known; a regional head reaches it.</param>
public sealed record AccessSubject(string BranchId, string? ParentBranchId, IReadOnlyList<SubjectOwner> Owners);

/// <summary>
/// Who may see and do what, the one rule every door applies (HTTP, chat, the console). An advisor acts on their own
/// clients and cases; a team lead also on their team's (employees whose manager they are); a branch head on everything
/// in the branch; a regional head on the branches of the region; compliance reads everything and changes nothing; an
/// administrator configures the service and reaches no client or case.
/// </summary>
public static class AccessRules
{
    public static bool Allows(AccessPrincipal principal, AccessSubject subject, Access access)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(subject);
        if (principal.Role == EmployeeRole.Compliance)
        {
            return access == Access.Read;
        }

        if (principal.Role == EmployeeRole.Admin)
        {
            return false;
        }

        if (subject.Owners.Any(o => o.EmployeeId == principal.EmployeeId))
        {
            return true;
        }

        return principal.Role switch
        {
            EmployeeRole.TeamLead => subject.Owners.Any(o => o.ManagerId == principal.EmployeeId),
            EmployeeRole.BranchHead => subject.BranchId == principal.BranchId,
            EmployeeRole.RegionalHead => subject.BranchId == principal.BranchId || subject.ParentBranchId == principal.BranchId,
            _ => false,
        };
    }

    /// <summary>Whether the person may list a branch's breaches at all (rows are still filtered one by one).</summary>
    public static bool MayListBranch(AccessPrincipal principal, string branchId, string? parentBranchId) => principal.Role switch
    {
        EmployeeRole.Compliance => true,
        EmployeeRole.Admin => false,
        EmployeeRole.RegionalHead => branchId == principal.BranchId || parentBranchId == principal.BranchId,
        _ => branchId == principal.BranchId,
    };
}
