using WealthActors.Care;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Care;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Tests.Care;

public sealed class OnboardingPlanTests
{
    private static readonly BusinessCalendar MainlandChina = BusinessCalendarRules.Build(ShippedCalendars.MainlandChina);
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public void DefaultPlan_BeforeNationalDay_SkipsTheHolidaysAndCountsTheMakeUpSaturday()
    {
        // Wednesday 30 September 2026, 10:00 in Shanghai; 1–7 October are holidays, Saturday 10 October is worked.
        var start = new DateTimeOffset(2026, 9, 30, 10, 0, 0, Shanghai);

        var plan = OnboardingPlan.For("C100", OnboardingTemplate.Default, start, MainlandChina);

        Assert.Equal(["welcome-call", "risk-assessment", "first-review"], plan.Select(p => p.Step.Key));
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 10, 0, 0, Shanghai), plan[0].Due);
        // 8, 9, 10 (make-up Saturday), 12, 13 October.
        Assert.Equal(new DateTimeOffset(2026, 10, 13, 10, 0, 0, Shanghai), plan[1].Due);
        Assert.Equal(new DateTimeOffset(2026, 10, 30, 10, 0, 0, Shanghai), plan[2].Due);
    }

    [Fact]
    public void WorkingDays_FromAWeekend_CountFromTheNextWorkingDay_AtTheSameLocalTime()
    {
        var saturday = new DateTimeOffset(2026, 11, 7, 9, 30, 0, Shanghai);
        var step = new OnboardingStep("call", "致电", null, 1, DayCounting.WorkingDays);

        Assert.Equal(new DateTimeOffset(2026, 11, 9, 9, 30, 0, Shanghai), OnboardingPlan.DueOf(step, saturday, MainlandChina));
        Assert.Equal(new DateTimeOffset(2026, 11, 13, 9, 30, 0, Shanghai),
            OnboardingPlan.DueOf(step with { Days = 5 }, saturday, MainlandChina));
    }

    [Fact]
    public void TaskIds_NameTheClientAndTheStep_AndNothingElse()
    {
        var early = OnboardingPlan.For("C100", OnboardingTemplate.Default, DateTimeOffset.UnixEpoch, MainlandChina);
        var late = OnboardingPlan.For("C100", OnboardingTemplate.Default, DateTimeOffset.UnixEpoch.AddYears(50), MainlandChina);
        var other = OnboardingPlan.For("C101", OnboardingTemplate.Default, DateTimeOffset.UnixEpoch, MainlandChina);

        Assert.Equal(early.Select(p => p.TaskId), late.Select(p => p.TaskId));
        Assert.Empty(early.Select(p => p.TaskId).Intersect(other.Select(p => p.TaskId)));
        Assert.Equal(3, early.Select(p => p.TaskId).Distinct().Count());
    }

    [Fact]
    public void Validator_NamesTheField_OfEachBadStep()
    {
        var template = OnboardingTemplate.Default with
        {
            CalendarId = "",
            Steps =
            [
                new OnboardingStep("Welcome Call", "x", null, 1, DayCounting.WorkingDays),
                new OnboardingStep("review", " ", null, 0, (DayCounting)7),
                new OnboardingStep("review", "y", "", 366, DayCounting.CalendarDays),
            ],
        };

        var fields = OnboardingTemplateValidator.Validate(template).Select(p => p.Field).ToHashSet();

        string[] expected = ["calendarId", "steps[0].key", "steps[1].title", "steps[1].days", "steps[1].counting", "steps[2].key", "steps[2].englishTitle", "steps[2].days"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), fields.Order(StringComparer.Ordinal));
        Assert.Empty(OnboardingTemplateValidator.Validate(OnboardingTemplate.Default));
        Assert.Contains(CareRulesValidator.Validate(CareRules.Defaults with { Onboarding = template }), p => p.Field == "onboarding.steps[1].days");
    }
}
