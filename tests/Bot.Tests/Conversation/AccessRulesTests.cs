using WealthActors.Permissions;
using WealthActors.Bot.Conversation;

namespace WealthActors.Bot.Tests.Conversation;

public sealed class AccessRulesTests
{
    // Branch B1 in region R; advisor A1 reports to team lead T1, advisor A2 to team lead T2.
    private static readonly AccessSubject A1Case = new("B1", "R", [new SubjectOwner("A1", "T1")]);
    private static readonly AccessSubject A2Case = new("B1", "R", [new SubjectOwner("A2", "T2")]);
    private static readonly AccessSubject OtherBranchCase = new("B9", "R9", [new SubjectOwner("A9", "T9")]);

    private static AccessPrincipal Who(string id, EmployeeRole role, string branch = "B1") => new(id, role, branch);

    [Theory]
    [InlineData(Access.Read)]
    [InlineData(Access.Write)]
    public void Allows_AdvisorOnOwnCase_Allowed(Access access) =>
        Assert.True(AccessRules.Allows(Who("A1", EmployeeRole.Advisor), A1Case, access));

    [Fact]
    public void Allows_AdvisorOnColleaguesCaseInSameBranch_Denied() =>
        Assert.False(AccessRules.Allows(Who("A1", EmployeeRole.Advisor), A2Case, Access.Read));

    [Fact]
    public void Allows_TeamLeadOnTeamMembersCase_Allowed() =>
        Assert.True(AccessRules.Allows(Who("T1", EmployeeRole.TeamLead), A1Case, Access.Write));

    [Fact]
    public void Allows_TeamLeadOnOtherTeamsCase_Denied() =>
        Assert.False(AccessRules.Allows(Who("T1", EmployeeRole.TeamLead), A2Case, Access.Write));

    [Fact]
    public void Allows_CaseAssignedToTeamLeadThemselves_Allowed() =>
        Assert.True(AccessRules.Allows(Who("T2", EmployeeRole.TeamLead), new AccessSubject("B1", null, [new SubjectOwner("T2", "H1")]), Access.Write));

    [Fact]
    public void Allows_BranchHeadOnAnyCaseOfBranch_Allowed()
    {
        Assert.True(AccessRules.Allows(Who("H1", EmployeeRole.BranchHead), A1Case, Access.Write));
        Assert.True(AccessRules.Allows(Who("H1", EmployeeRole.BranchHead), A2Case, Access.Write));
    }

    [Fact]
    public void Allows_BranchHeadOnOtherBranch_Denied() =>
        Assert.False(AccessRules.Allows(Who("H1", EmployeeRole.BranchHead), OtherBranchCase, Access.Read));

    [Fact]
    public void Allows_RegionalHeadOnBranchOfRegion_Allowed() =>
        Assert.True(AccessRules.Allows(Who("G1", EmployeeRole.RegionalHead, "R"), A2Case, Access.Write));

    [Fact]
    public void Allows_RegionalHeadOnOtherRegion_Denied() =>
        Assert.False(AccessRules.Allows(Who("G1", EmployeeRole.RegionalHead, "R"), OtherBranchCase, Access.Read));

    [Fact]
    public void Allows_ComplianceReadsEverything_ButWritesNothing()
    {
        var compliance = Who("K1", EmployeeRole.Compliance, "HQ");
        Assert.True(AccessRules.Allows(compliance, OtherBranchCase, Access.Read));
        Assert.False(AccessRules.Allows(compliance, OtherBranchCase, Access.Write));
        Assert.False(AccessRules.Allows(compliance, new AccessSubject("HQ", null, [new SubjectOwner("K1", null)]), Access.Write));
    }

    [Fact]
    public void Allows_CaseWithoutOwners_OnlyBranchLevelRoles()
    {
        var unowned = new AccessSubject("B1", "R", []);
        Assert.False(AccessRules.Allows(Who("A1", EmployeeRole.Advisor), unowned, Access.Read));
        Assert.False(AccessRules.Allows(Who("T1", EmployeeRole.TeamLead), unowned, Access.Read));
        Assert.True(AccessRules.Allows(Who("H1", EmployeeRole.BranchHead), unowned, Access.Read));
    }

    [Theory]
    [InlineData(EmployeeRole.Advisor, "B1", true)]
    [InlineData(EmployeeRole.Advisor, "B9", false)]
    [InlineData(EmployeeRole.BranchHead, "B9", false)]
    [InlineData(EmployeeRole.Compliance, "B9", true)]
    public void MayListBranch_ByRoleAndBranch(EmployeeRole role, string branch, bool expected) =>
        Assert.Equal(expected, AccessRules.MayListBranch(Who("X", role), branch, null));

    [Fact]
    public void MayListBranch_RegionalHeadOnChildBranch_Allowed() =>
        Assert.True(AccessRules.MayListBranch(Who("G1", EmployeeRole.RegionalHead, "R"), "B1", "R"));
}
