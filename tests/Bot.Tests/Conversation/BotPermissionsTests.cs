using WealthActors.Bot.Conversation;

namespace WealthActors.Bot.Tests.Conversation;

public sealed class BotPermissionsTests
{
    // Branch B1 in region R; advisor A1 reports to team lead T1, advisor A2 to team lead T2.
    private static readonly BotSubject A1Case = new("B1", "R", [new SubjectOwner("A1", "T1")]);
    private static readonly BotSubject A2Case = new("B1", "R", [new SubjectOwner("A2", "T2")]);
    private static readonly BotSubject OtherBranchCase = new("B9", "R9", [new SubjectOwner("A9", "T9")]);

    private static BotPrincipal Who(string id, EmployeeRole role, string branch = "B1") => new(id, role, branch);

    [Theory]
    [InlineData(BotAccess.Read)]
    [InlineData(BotAccess.Write)]
    public void Allows_AdvisorOnOwnCase_Allowed(BotAccess access) =>
        Assert.True(BotPermissions.Allows(Who("A1", EmployeeRole.Advisor), A1Case, access));

    [Fact]
    public void Allows_AdvisorOnColleaguesCaseInSameBranch_Denied() =>
        Assert.False(BotPermissions.Allows(Who("A1", EmployeeRole.Advisor), A2Case, BotAccess.Read));

    [Fact]
    public void Allows_TeamLeadOnTeamMembersCase_Allowed() =>
        Assert.True(BotPermissions.Allows(Who("T1", EmployeeRole.TeamLead), A1Case, BotAccess.Write));

    [Fact]
    public void Allows_TeamLeadOnOtherTeamsCase_Denied() =>
        Assert.False(BotPermissions.Allows(Who("T1", EmployeeRole.TeamLead), A2Case, BotAccess.Write));

    [Fact]
    public void Allows_CaseAssignedToTeamLeadThemselves_Allowed() =>
        Assert.True(BotPermissions.Allows(Who("T2", EmployeeRole.TeamLead), new BotSubject("B1", null, [new SubjectOwner("T2", "H1")]), BotAccess.Write));

    [Fact]
    public void Allows_BranchHeadOnAnyCaseOfBranch_Allowed()
    {
        Assert.True(BotPermissions.Allows(Who("H1", EmployeeRole.BranchHead), A1Case, BotAccess.Write));
        Assert.True(BotPermissions.Allows(Who("H1", EmployeeRole.BranchHead), A2Case, BotAccess.Write));
    }

    [Fact]
    public void Allows_BranchHeadOnOtherBranch_Denied() =>
        Assert.False(BotPermissions.Allows(Who("H1", EmployeeRole.BranchHead), OtherBranchCase, BotAccess.Read));

    [Fact]
    public void Allows_RegionalHeadOnBranchOfRegion_Allowed() =>
        Assert.True(BotPermissions.Allows(Who("G1", EmployeeRole.RegionalHead, "R"), A2Case, BotAccess.Write));

    [Fact]
    public void Allows_RegionalHeadOnOtherRegion_Denied() =>
        Assert.False(BotPermissions.Allows(Who("G1", EmployeeRole.RegionalHead, "R"), OtherBranchCase, BotAccess.Read));

    [Fact]
    public void Allows_ComplianceReadsEverything_ButWritesNothing()
    {
        var compliance = Who("K1", EmployeeRole.Compliance, "HQ");
        Assert.True(BotPermissions.Allows(compliance, OtherBranchCase, BotAccess.Read));
        Assert.False(BotPermissions.Allows(compliance, OtherBranchCase, BotAccess.Write));
        Assert.False(BotPermissions.Allows(compliance, new BotSubject("HQ", null, [new SubjectOwner("K1", null)]), BotAccess.Write));
    }

    [Fact]
    public void Allows_CaseWithoutOwners_OnlyBranchLevelRoles()
    {
        var unowned = new BotSubject("B1", "R", []);
        Assert.False(BotPermissions.Allows(Who("A1", EmployeeRole.Advisor), unowned, BotAccess.Read));
        Assert.False(BotPermissions.Allows(Who("T1", EmployeeRole.TeamLead), unowned, BotAccess.Read));
        Assert.True(BotPermissions.Allows(Who("H1", EmployeeRole.BranchHead), unowned, BotAccess.Read));
    }

    [Theory]
    [InlineData(EmployeeRole.Advisor, "B1", true)]
    [InlineData(EmployeeRole.Advisor, "B9", false)]
    [InlineData(EmployeeRole.BranchHead, "B9", false)]
    [InlineData(EmployeeRole.Compliance, "B9", true)]
    public void MayListBranch_ByRoleAndBranch(EmployeeRole role, string branch, bool expected) =>
        Assert.Equal(expected, BotPermissions.MayListBranch(Who("X", role), branch, null));

    [Fact]
    public void MayListBranch_RegionalHeadOnChildBranch_Allowed() =>
        Assert.True(BotPermissions.MayListBranch(Who("G1", EmployeeRole.RegionalHead, "R"), "B1", "R"));
}
