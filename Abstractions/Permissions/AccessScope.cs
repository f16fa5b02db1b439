using WealthActors.Employees;

namespace WealthActors.Permissions;

/// <summary>
/// The part of the book a person's lists reach, as a read-model query can filter it: every row, or the rows whose
/// owner (a client's advisor, a complaint's assignee) is one of <see cref="Owners"/>, whose branch is one of
/// <see cref="Branches"/>, or whose branch belongs to <see cref="Region"/>. The same rule as
/// <see cref="AccessRules.Allows"/>, in the form a WHERE clause takes.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.AccessScope")]
public sealed record AccessScope(
    [property: Id(0)] bool Everything,
    [property: Id(1)] IReadOnlyList<string> Owners,
    [property: Id(2)] IReadOnlyList<string> Branches,
    [property: Id(3)] string? Region = null)
{
    public static readonly AccessScope All = new(true, [], []);

    public static readonly AccessScope Nothing = new(false, [], []);

    public bool IsNothing => !Everything && Owners.Count == 0 && Branches.Count == 0 && Region is null;

    /// <summary>What <paramref name="principal"/> reads; <paramref name="reports"/> are the people they manage.</summary>
    public static AccessScope Of(AccessPrincipal principal, IReadOnlyList<string> reports)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Role switch
        {
            EmployeeRole.Compliance => All,
            EmployeeRole.Advisor => new AccessScope(false, [principal.EmployeeId], []),
            EmployeeRole.TeamLead => new AccessScope(false, [principal.EmployeeId, .. reports], []),
            EmployeeRole.BranchHead => new AccessScope(false, [principal.EmployeeId], [principal.BranchId]),
            EmployeeRole.RegionalHead => new AccessScope(false, [principal.EmployeeId], [principal.BranchId], principal.BranchId),
            _ => Nothing,
        };
    }

    /// <summary>Whether a row of <paramref name="branchId"/> owned by <paramref name="ownerId"/> is in the scope.</summary>
    public bool Covers(string branchId, string? ownerId, string? parentBranchId) =>
        Everything
        || (ownerId is not null && Owners.Contains(ownerId))
        || Branches.Contains(branchId)
        || (Region is not null && parentBranchId == Region);
}
