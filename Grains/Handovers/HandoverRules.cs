using WealthActors.Employees;

namespace WealthActors.Grains.Handovers;

/// <summary>
/// Which handovers may be asked for, as pure rules (the API checks them before anything changes):
/// <list type="bullet">
/// <item>Clients are owned by advisors and team leads (who often keep a book of their own); only they can take a book.</item>
/// <item>The new advisor is an active employee of such a role, not the departing one, in the same branch: the clients
/// keep their branch, and moving them to another branch is a transfer, not a handover.</item>
/// <item>Told when it is done, besides both advisors: each one's team lead (their manager, or the branch head where they
/// have none), once each.</item>
/// </list>
/// </summary>
public static class HandoverRules
{
    public static bool OwnsClients(EmployeeRole role) => role is EmployeeRole.Advisor or EmployeeRole.TeamLead;

    /// <summary>Why <paramref name="toProfile"/> cannot take <paramref name="from"/>'s clients, or null when they can.</summary>
    public static string? TargetProblem(string from, EmployeeProfile fromProfile, string to, EmployeeProfile? toProfile)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return "is the departing advisor.";
        }

        if (toProfile is null)
        {
            return $"Employee '{to}' does not exist.";
        }

        if (toProfile.Deactivated)
        {
            return $"Employee '{to}' is deactivated.";
        }

        if (!OwnsClients(toProfile.Role))
        {
            return $"Employee '{to}' is a {toProfile.Role}; clients are owned by advisors and team leads.";
        }

        return toProfile.BranchId == fromProfile.BranchId
            ? null
            : $"Employee '{to}' is in branch '{toProfile.BranchId}', not '{fromProfile.BranchId}'; clients keep their branch.";
    }

    /// <summary>The team leads told of the handover: each advisor's manager, else the branch head; never the advisors themselves.</summary>
    public static IReadOnlyList<string> TeamLeads(string from, EmployeeProfile fromProfile, string to, EmployeeProfile toProfile, string? branchHead) =>
        new[] { fromProfile.ManagerId ?? branchHead, toProfile.ManagerId ?? branchHead }
            .OfType<string>()
            .Where(id => id != from && id != to)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
