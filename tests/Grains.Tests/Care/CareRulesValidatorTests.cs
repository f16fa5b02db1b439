using WealthActors.Care;
using WealthActors.Grains.Care;

namespace WealthActors.Grains.Tests.Care;

public sealed class CareRulesValidatorTests
{
    [Fact]
    public void Validate_Defaults_HasNoProblems()
    {
        Assert.Empty(CareRulesValidator.Validate(CareRules.Defaults));
    }

    [Fact]
    public void Validate_BadValues_NameEachField()
    {
        var d = CareRules.Defaults;
        var rules = d with
        {
            Birthday = d.Birthday with { LeadDays = -1, Schedule = d.Birthday.Schedule with { FireAt = "24:00" } },
            Maturity = d.Maturity with { StageDays = [] },
            Dormancy = d.Dormancy with { Days = 0 },
            RiskExpiry = d.RiskExpiry with { Schedule = d.RiskExpiry.Schedule with { TimeZone = "Nowhere/Land" } },
            Outflow = d.Outflow with { AumShare = 1.01m, Amount = 0 },
        };

        var fields = CareRulesValidator.Validate(rules).Select(p => p.Field).ToHashSet();

        Assert.Equal(
            new HashSet<string>
            {
                "care-birthday.leadDays", "care-birthday.fireAt", "care-maturity.stageDays", "care-dormancy.days",
                "care-risk-expiry.timeZone", "outflow-alert.aumShare", "outflow-alert.amount",
            },
            fields);
    }

    [Theory]
    [InlineData("09:00", true)]
    [InlineData("23:59", true)]
    [InlineData("9:00", false)]
    [InlineData("24:00", false)]
    [InlineData("09:60", false)]
    [InlineData("0900", false)]
    [InlineData("", false)]
    public void TryParseFireAt_Text_AcceptsOnlyHHmm(string text, bool ok)
    {
        Assert.Equal(ok, CareRulesValidator.TryParseFireAt(text, out _));
    }

    [Fact]
    public void Cron_FireAt_IsDailyAtThatLocalTime()
    {
        Assert.Equal("0 15 7 * * ?", CareRulesValidator.Cron(new CareSchedule(true, "07:15", "Asia/Shanghai")));
    }
}
