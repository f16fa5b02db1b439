using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Tests.Sla;

public sealed class SlaPolicyMatcherTests
{
    private static readonly PolicySubject VipSubject = new(true, ClientTier.HighNetWorth, "fees", Severity.Normal);
    private static readonly PolicySubject MassSubject = new(false, ClientTier.Mass, "fees", Severity.Normal);

    [Fact]
    public void Select_KindOfCase_KeepsComplaintPoliciesToComplaints()
    {
        // A VIP client's task is not a VIP complaint: a policy without a kind is a complaint policy.
        Assert.Equal("task-standard", SlaPolicyMatcher.Select(DefaultSlaPolicies.All, VipSubject with { Kind = CaseKind.Task })?.Id);
        Assert.Equal("service-standard", SlaPolicyMatcher.Select(DefaultSlaPolicies.All, VipSubject with { Kind = CaseKind.ServiceRequest })?.Id);
        Assert.Equal("service-kyc", SlaPolicyMatcher.Select(DefaultSlaPolicies.All, MassSubject with { Category = "kycrenewal", Kind = CaseKind.ServiceRequest })?.Id);
        Assert.Equal("vip", SlaPolicyMatcher.Select(DefaultSlaPolicies.All, VipSubject)?.Id);
        Assert.False(SlaPolicyMatcher.Matches(new PolicyMatch(), MassSubject with { Kind = CaseKind.Task }));
        Assert.Contains("match.kind: must be Complaint, Task or ServiceRequest",
            SlaPolicyMatcher.Validate(DefaultSlaPolicies.Task with { Match = new PolicyMatch(Kind: (CaseKind)9) }));
    }

    [Fact]
    public void Select_Defaults_VipClientGetsVip() =>
        Assert.Equal("vip", SlaPolicyMatcher.Select(DefaultSlaPolicies.All, VipSubject)?.Id);

    [Fact]
    public void Select_Defaults_OtherClientGetsStandard() =>
        Assert.Equal("standard", SlaPolicyMatcher.Select(DefaultSlaPolicies.All, MassSubject)?.Id);

    [Fact]
    public void Select_HigherPriority_Wins()
    {
        var critical = DefaultSlaPolicies.Standard with { Id = "critical", Priority = 200, Match = new PolicyMatch(Severities: [Severity.Critical]) };

        var selected = SlaPolicyMatcher.Select([.. DefaultSlaPolicies.All, critical], VipSubject with { Severity = Severity.Critical });

        Assert.Equal("critical", selected?.Id);
    }

    [Fact]
    public void Select_EqualPriority_LowestIdWins()
    {
        var b = DefaultSlaPolicies.Standard with { Id = "b", Priority = 5 };
        var a = DefaultSlaPolicies.Standard with { Id = "a", Priority = 5 };

        Assert.Equal("a", SlaPolicyMatcher.Select([b, a], MassSubject)?.Id);
    }

    [Fact]
    public void Select_NothingMatches_IsNull() =>
        Assert.Null(SlaPolicyMatcher.Select([DefaultSlaPolicies.Vip], MassSubject));

    [Fact]
    public void Matches_EmptyCriteria_MatchAnything() =>
        Assert.True(SlaPolicyMatcher.Matches(new PolicyMatch(null, [], [], []), MassSubject));

    [Fact]
    public void Matches_Category_IgnoresCase() =>
        Assert.True(SlaPolicyMatcher.Matches(new PolicyMatch(Categories: ["FEES"]), MassSubject));

    [Theory]
    [InlineData(ClientTier.Mass, true)]
    [InlineData(ClientTier.Affluent, false)]
    public void Matches_Tier_MustBeListed(ClientTier tier, bool expected) =>
        Assert.Equal(expected, SlaPolicyMatcher.Matches(new PolicyMatch(Tiers: [ClientTier.Mass]), MassSubject with { Tier = tier }));

    [Fact]
    public void Matches_EveryCriterionMustHold() =>
        Assert.False(SlaPolicyMatcher.Matches(new PolicyMatch(Vip: false, Categories: ["fees"], Severities: [Severity.High]), MassSubject));

    [Fact]
    public void Validate_ShippedPolicies_HaveNoProblems()
    {
        Assert.Empty(SlaPolicyMatcher.Validate(DefaultSlaPolicies.Vip));
        Assert.Empty(SlaPolicyMatcher.Validate(DefaultSlaPolicies.Standard));
    }

    [Fact]
    public void Validate_NonPositiveFirstResponse_NamesTheField() =>
        Assert.Contains("firstResponse: must be positive", SlaPolicyMatcher.Validate(DefaultSlaPolicies.Vip with { FirstResponse = TimeSpan.Zero }));

    [Fact]
    public void Validate_SubSecondDuration_IsRejected() =>
        Assert.Contains("firstResponse: must be at least 1 second", SlaPolicyMatcher.Validate(DefaultSlaPolicies.Vip with { FirstResponse = TimeSpan.FromMilliseconds(500) }));

    [Fact]
    public void Validate_OneSecondDuration_IsAccepted() =>
        Assert.Empty(SlaPolicyMatcher.Validate(DefaultSlaPolicies.Vip with
        {
            FirstResponse = TimeSpan.FromSeconds(1),
            Resolution = TimeSpan.FromSeconds(2),
            Escalations = [new EscalationStep(TimeSpan.FromSeconds(1), EmployeeRole.TeamLead, EscalationAction.Notify)],
        }));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Validate_WarnAtOutsideOpenUnitInterval_IsRejected(double warnAt) =>
        Assert.Contains("warnAt: must be in (0,1)", SlaPolicyMatcher.Validate(DefaultSlaPolicies.Vip with { WarnAt = warnAt }));

    [Fact]
    public void Validate_LadderNotIncreasing_NamesTheStep()
    {
        var policy = DefaultSlaPolicies.Vip with
        {
            Escalations =
            [
                new EscalationStep(TimeSpan.FromHours(12), EmployeeRole.TeamLead, EscalationAction.Notify),
                new EscalationStep(TimeSpan.FromHours(12), EmployeeRole.BranchHead, EscalationAction.Notify),
                new EscalationStep(TimeSpan.FromHours(-1), EmployeeRole.RegionalHead, EscalationAction.Notify),
            ],
        };

        Assert.Equal(["escalations[1].after: must increase", "escalations[2].after: must be positive"], SlaPolicyMatcher.Validate(policy));
    }

    [Fact]
    public void Validate_ResolutionShorterThanFirstResponse_IsRejected() =>
        Assert.Contains("resolution: must not be shorter than firstResponse", SlaPolicyMatcher.Validate(DefaultSlaPolicies.Vip with { Resolution = TimeSpan.FromHours(1) }));

    [Fact]
    public void Validate_MissingIdAndName_AreRejected()
    {
        var problems = SlaPolicyMatcher.Validate(DefaultSlaPolicies.Vip with { Id = " ", Name = "" });

        Assert.Contains("id: must not be empty", problems);
        Assert.Contains("name: must not be empty", problems);
    }

    [Fact]
    public void Validate_UnknownEnumValues_AreRejected()
    {
        var policy = DefaultSlaPolicies.Vip with
        {
            Clock = (ClockKind)7,
            Escalations = [new EscalationStep(TimeSpan.FromHours(1), (EmployeeRole)42, (EscalationAction)9)],
        };

        var problems = SlaPolicyMatcher.Validate(policy);

        Assert.Contains("clock: must be Calendar or Business", problems);
        Assert.Contains("escalations[0].toRole: is not a known role", problems);
        Assert.Contains("escalations[0].action: must be Notify or Reassign", problems);
    }

    [Fact]
    public void Validate_AbsurdlyLongDuration_IsRejected() =>
        Assert.Contains("resolution: must be at most 366 days", SlaPolicyMatcher.Validate(DefaultSlaPolicies.Vip with { Resolution = TimeSpan.FromDays(1500) }));
}
