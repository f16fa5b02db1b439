using WealthActors.Permissions;

namespace WealthActors.Bot.Tests.Conversation;

/// <summary>
/// A person's list scope and the single-record rule are one rule in two forms: over a small world of branches,
/// managers and owners, a row is in the scope exactly when <see cref="AccessRules.Allows"/> lets the person read it.
/// </summary>
public sealed class AccessScopeTests
{
    // Region R holds branches B1 and B2; B3 is outside it. Managers: A1 → T1 → H1 → RH; A2 → H1; A3 → H3.
    private static readonly Dictionary<string, string?> ManagerOf = new()
    {
        ["A1"] = "T1", ["T1"] = "H1", ["A2"] = "H1", ["H1"] = "RH", ["A3"] = "H3", ["H3"] = null, ["RH"] = null, ["CO"] = null, ["AD"] = null,
    };

    private static readonly Dictionary<string, string?> ParentOf = new() { ["B1"] = "R", ["B2"] = "R", ["B3"] = null, ["R"] = null };

    public static TheoryData<string, EmployeeRole, string> People => new()
    {
        { "A1", EmployeeRole.Advisor, "B1" },
        { "T1", EmployeeRole.TeamLead, "B1" },
        { "H1", EmployeeRole.BranchHead, "B1" },
        { "H3", EmployeeRole.BranchHead, "B3" },
        { "RH", EmployeeRole.RegionalHead, "R" },
        { "CO", EmployeeRole.Compliance, "R" },
        { "AD", EmployeeRole.Admin, "R" },
    };

    [Theory]
    [MemberData(nameof(People))]
    public void Scope_CoversExactlyWhatTheRuleLetsThePersonRead(string id, EmployeeRole role, string branch)
    {
        var principal = new AccessPrincipal(id, role, branch);
        var reports = ManagerOf.Where(m => m.Value == id).Select(m => m.Key).ToList();
        var scope = AccessScope.Of(principal, reports);

        foreach (var rowBranch in ParentOf.Keys)
        {
            foreach (var owner in ManagerOf.Keys.Append(null))
            {
                var subject = new AccessSubject(
                    rowBranch, ParentOf[rowBranch], owner is null ? [] : [new SubjectOwner(owner, ManagerOf[owner])]);
                Assert.True(
                    AccessRules.Allows(principal, subject, Access.Read) == scope.Covers(rowBranch, owner, ParentOf[rowBranch]),
                    $"{id} ({role}) on a row of {rowBranch} owned by {owner ?? "nobody"}");
            }
        }
    }

    [Fact]
    public void Admin_ReachesNoClientOrCase()
    {
        Assert.True(AccessScope.Of(new AccessPrincipal("AD", EmployeeRole.Admin, "B1"), []).IsNothing);
        Assert.False(AccessRules.Allows(new AccessPrincipal("AD", EmployeeRole.Admin, "B1"), new AccessSubject("B1", null, [new SubjectOwner("AD", null)]), Access.Read));
    }
}
