using WealthActors.Privacy;

namespace WealthActors.Grains.Tests.Privacy;

public sealed class MaskingRulesTests
{
    private static readonly DateOnly Birthday = new(1970, 5, 12);

    [Theory]
    [InlineData(MaskLevel.Full, "13812345678")]
    [InlineData(MaskLevel.Partial, "138****5678")]
    [InlineData(MaskLevel.Hidden, "***********")]
    public void Phone_AtEachLevel(MaskLevel level, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Phone("13812345678", level));

    [Theory]
    [InlineData(MaskLevel.Full, "310101197001011234")]
    [InlineData(MaskLevel.Partial, "**************1234")]
    [InlineData(MaskLevel.Hidden, "******")]
    public void IdNumber_AtEachLevel(MaskLevel level, string expected) =>
        Assert.Equal(expected, PersonalDataMask.IdNumber("310101197001011234", level));

    [Theory]
    [InlineData(MaskLevel.Full, "1970-05-12")]
    [InlineData(MaskLevel.Partial, "--05-12")]
    [InlineData(MaskLevel.Hidden, "******")]
    public void Birthday_AtEachLevel(MaskLevel level, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Birthday(Birthday, level));

    [Fact]
    public void ShortValues_PartialShowsNoneOfThem()
    {
        Assert.Equal("****", PersonalDataMask.Phone("1234", MaskLevel.Partial));
        Assert.Equal("******", PersonalDataMask.IdNumber("1234", MaskLevel.Partial));
    }

    [Fact]
    public void MissingValues_StayMissingAtEveryLevel()
    {
        foreach (var level in Enum.GetValues<MaskLevel>())
        {
            Assert.Null(PersonalDataMask.Phone(null, level));
            Assert.Null(PersonalDataMask.IdNumber(null, level));
            Assert.Null(PersonalDataMask.Birthday(null, level));
        }
    }

    [Theory]
    [InlineData(EmployeeRole.Advisor, MaskLevel.Partial)]
    [InlineData(EmployeeRole.TeamLead, MaskLevel.Partial)]
    [InlineData(EmployeeRole.BranchHead, MaskLevel.Partial)]
    [InlineData(EmployeeRole.RegionalHead, MaskLevel.Partial)]
    [InlineData(EmployeeRole.Compliance, MaskLevel.Full)]
    [InlineData(EmployeeRole.Admin, MaskLevel.Hidden)]
    public void Defaults_EveryFieldAlikePerRole(EmployeeRole role, MaskLevel expected)
    {
        var mask = MaskingRules.Default.For(role);

        Assert.Equal(new ClientMask(expected, expected, expected), mask);
        Assert.Equal(expected == MaskLevel.Full, mask.RevealsAny);
    }

    [Fact]
    public void SeveralAudiences_SeeTheMostAnyOfThemMay()
    {
        var mask = MaskingRules.Default.For(["Admin", MaskingRules.System]);

        Assert.Equal(new ClientMask(MaskLevel.Full, MaskLevel.Full, MaskLevel.Full), mask);
    }

    [Fact]
    public void UnknownAudience_SeesNothing()
    {
        Assert.Equal(new ClientMask(MaskLevel.Hidden, MaskLevel.Hidden, MaskLevel.Hidden), MaskingRules.Default.For(["Visitor"]));
        Assert.Equal(new ClientMask(MaskLevel.Hidden, MaskLevel.Hidden, MaskLevel.Hidden), MaskingRules.Default.For([]));
    }

    [Fact]
    public void With_OverridesOnlyTheFieldsNamed()
    {
        var rules = MaskingRules.Default.With(new Dictionary<string, IReadOnlyDictionary<PersonalField, MaskLevel>>
        {
            ["advisor"] = new Dictionary<PersonalField, MaskLevel> { [PersonalField.Birthday] = MaskLevel.Hidden },
        });

        Assert.Equal(new ClientMask(MaskLevel.Partial, MaskLevel.Partial, MaskLevel.Hidden), rules.For(EmployeeRole.Advisor));
        Assert.Equal(new ClientMask(MaskLevel.Partial, MaskLevel.Partial, MaskLevel.Partial), MaskingRules.Default.For(EmployeeRole.Advisor));
    }
}
