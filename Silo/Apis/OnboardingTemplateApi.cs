using WealthActors.Calendars;
using WealthActors.Care;
using WealthActors.Grains.Care;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>
/// The onboarding checklist's template, kept in the care rules' document (its version is theirs): read by anyone who
/// may read, replaced whole by an administrator.
/// </summary>
public static class OnboardingTemplateApi
{
    public static RouteGroupBuilder MapOnboardingTemplate(this RouteGroupBuilder careRules)
    {
        careRules.MapGet("/onboarding", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read).Produces<OnboardingTemplateDocument>();
        careRules.MapPut("/onboarding", Put).RequireAuthorization(AuthHostingExtensions.Policies.AdminOnly).Produces<OnboardingTemplateDocument>();
        return careRules;
    }

    private static ICareRulesGrain Rules(IGrainFactory grains) => grains.GetGrain<ICareRulesGrain>(ICareRulesGrain.DefaultKey);

    private static async Task<IResult> Get(IGrainFactory grains) => TypedResults.Ok(OnboardingTemplateDocument.From(await Rules(grains).Get()));

    private static async Task<IResult> Put(OnboardingTemplateDocument body, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation();
        var template = body.ToTemplate(v);
        if (template is not null)
        {
            foreach (var (field, message) in OnboardingTemplateValidator.Validate(template))
            {
                v.Add(field, message);
            }
        }

        if (template is not null && v.IsValid
            && await grains.GetGrain<ICalendarCatalogGrain>(ICalendarCatalogGrain.DefaultKey).Get(template.CalendarId) is null)
        {
            v.Add("calendarId", $"Business calendar '{template.CalendarId}' does not exist.");
        }

        if (!v.IsValid || template is null)
        {
            return v.Problem();
        }

        var current = await Rules(grains).Get();
        var stored = await Rules(grains).Put(current with { Onboarding = template }, ApiActor.Caller(http));
        return TypedResults.Ok(OnboardingTemplateDocument.From(stored));
    }
}

/// <summary>
/// <c>{ version, enabled, calendarId, steps: [{ key, title, englishTitle, days, counting }] }</c>; on a PUT,
/// <c>enabled</c> defaults to true and <c>calendarId</c> to <c>cn-mainland</c>, and <c>version</c> is ignored.
/// </summary>
public sealed record OnboardingTemplateDocument(int? Version, bool? Enabled, string? CalendarId, IReadOnlyList<OnboardingStepDocument?>? Steps)
{
    public static OnboardingTemplateDocument From(CareRules rules)
    {
        var t = rules.OnboardingOrDefault;
        return new(rules.Version, t.Enabled, t.CalendarId,
            t.Steps.Select(s => new OnboardingStepDocument(s.Key, s.Title, s.EnglishTitle, s.Days, s.Counting)).ToArray());
    }

    internal OnboardingTemplate? ToTemplate(RequestValidation v)
    {
        if (Steps is null)
        {
            v.Add("steps", "is required: the list of the checklist's steps.");
            return null;
        }

        var steps = new List<OnboardingStep>();
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i] is not { } step)
            {
                v.Add($"steps[{i}]", "is required.");
                continue;
            }

            v.Check(step.Days is not null, $"steps[{i}].days", "is required.");
            v.Check(step.Counting is not null, $"steps[{i}].counting", $"is required: one of {string.Join(", ", Enum.GetNames<DayCounting>())}.");
            steps.Add(new OnboardingStep(step.Key ?? "", step.Title ?? "", step.EnglishTitle, step.Days ?? 0, step.Counting ?? DayCounting.WorkingDays));
        }

        return new OnboardingTemplate(Enabled ?? true, CalendarId ?? OnboardingTemplate.DefaultCalendarId, steps);
    }
}

public sealed record OnboardingStepDocument(string? Key, string? Title, string? EnglishTitle, int? Days, DayCounting? Counting);
