using WealthActors.Care;
using WealthActors.Grains.Sla;
using WealthActors.Tasks;

namespace WealthActors.Grains.Care;

/// <summary>One task of a client's onboarding plan: its id (from the client and the step) and its due date.</summary>
public sealed record PlannedTask(string TaskId, OnboardingStep Step, DateTimeOffset Due);

/// <summary>
/// A client's onboarding plan from the template, as a pure rule. Each task's id comes from the client and the step's
/// key, so the plan made again (after a crash, a repeated holding) names the same tasks and creates none twice. A step
/// in working days is due at the same local time on the n-th working day after the start's day in the business
/// calendar (a client starting on Saturday morning, due in 1 working day, is due on Monday morning; holidays and
/// make-up working days count as the calendar says); a step in calendar days is due exactly that many days later.
/// </summary>
public static class OnboardingPlan
{
    public static string TaskIdOf(string clientId, string stepKey) => TaskIds.ForOccurrence($"onboarding:{clientId}:{stepKey}");

    public static IReadOnlyList<PlannedTask> For(string clientId, OnboardingTemplate template, DateTimeOffset start, IBusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Steps.Select(step => new PlannedTask(TaskIdOf(clientId, step.Key), step, DueOf(step, start, calendar))).ToArray();
    }

    public static DateTimeOffset DueOf(OnboardingStep step, DateTimeOffset start, IBusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Counting == DayCounting.CalendarDays)
        {
            return start.AddDays(step.Days);
        }

        if (calendar is not BusinessCalendar business)
        {
            // A calendar that knows no days (the continuous one) counts working time only.
            return calendar.AddWorkingTime(start, TimeSpan.FromDays(step.Days));
        }

        var day = business.DateOf(start);
        var timeOfDay = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, business.TimeZone).DateTime);
        for (var counted = 0; counted < step.Days;)
        {
            day = day.AddDays(1);
            if (business.IsWorkingDay(day))
            {
                counted++;
            }
        }

        return business.At(day, timeOfDay).ToOffset(start.Offset);
    }
}
