namespace WealthActors.Bot.Conversation;

public enum BotAccess
{
    Read,
    Write,
}

/// <summary>The employee speaking to the bot.</summary>
public sealed record BotPrincipal(string EmployeeId, EmployeeRole Role, string BranchId);

/// <summary>Someone who owns a client or a case: the client's advisor or the complaint's assignee, with their manager.</summary>
public sealed record SubjectOwner(string EmployeeId, string? ManagerId);

/// <summary>What a command touches: a client or a complaint, by its branch and its owners.</summary>
/// <param name="ParentBranchId">The region of <paramref name="BranchId"/>, when known; a regional head reaches it.</param>
public sealed record BotSubject(string BranchId, string? ParentBranchId, IReadOnlyList<SubjectOwner> Owners);

/// <summary>
/// Who may see and do what through the bot. An advisor acts on their own clients and cases; a team lead also on their
/// team's (employees whose manager they are); a branch head on everything in the branch; a regional head on the
/// branches of the region; compliance reads everything and changes nothing.
/// </summary>
public static class BotPermissions
{
    public static bool Allows(BotPrincipal principal, BotSubject subject, BotAccess access)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(subject);
        if (principal.Role == EmployeeRole.Compliance)
        {
            return access == BotAccess.Read;
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
    public static bool MayListBranch(BotPrincipal principal, string branchId, string? parentBranchId) => principal.Role switch
    {
        EmployeeRole.Compliance => true,
        EmployeeRole.RegionalHead => branchId == principal.BranchId || parentBranchId == principal.BranchId,
        _ => branchId == principal.BranchId,
    };
}
