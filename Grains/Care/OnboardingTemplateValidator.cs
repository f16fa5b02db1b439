using System.Text.RegularExpressions;
using WealthActors.Care;

namespace WealthActors.Grains.Care;

/// <summary>The limits of the onboarding template; field names are those of its HTTP document (<c>steps[1].days</c>).</summary>
public static partial class OnboardingTemplateValidator
{
    public const int MaxSteps = 20;
    public const int MaxTitle = 200;

    public static IReadOnlyList<(string Field, string Message)> Validate(OnboardingTemplate template)
    {
        var problems = new List<(string, string)>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                problems.Add((field, message));
            }
        }

        Check(template.CalendarId is { } id && CalendarIdPattern().IsMatch(id), "calendarId", "must be a calendar id (1–64 letters, digits, '-', '_' or '.').");
        Check(template.Steps is { Count: > 0 and <= MaxSteps }, "steps", $"must list 1 to {MaxSteps} steps.");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (template.Steps?.Count ?? 0); i++)
        {
            var step = template.Steps![i];
            var at = $"steps[{i}]";
            if (step is null)
            {
                problems.Add((at, "is required."));
                continue;
            }

            // The key is part of every task id the step ever made: a new key is a new step, never a renamed one.
            Check(step.Key is { } key && KeyPattern().IsMatch(key), $"{at}.key", "must be 1–40 lower-case letters, digits or '-', starting with a letter or digit.");
            Check(step.Key is null || keys.Add(step.Key), $"{at}.key", "is listed twice.");
            Check(!string.IsNullOrWhiteSpace(step.Title) && step.Title.Length <= MaxTitle, $"{at}.title", $"is required, at most {MaxTitle} characters.");
            Check(step.EnglishTitle is null || (!string.IsNullOrWhiteSpace(step.EnglishTitle) && step.EnglishTitle.Length <= MaxTitle),
                $"{at}.englishTitle", $"must be 1 to {MaxTitle} characters when given.");
            Check(step.Days is >= 1 and <= CareRulesValidator.MaxDays, $"{at}.days", $"must be between 1 and {CareRulesValidator.MaxDays} days.");
            Check(Enum.IsDefined(step.Counting), $"{at}.counting", $"must be one of {string.Join(", ", Enum.GetNames<DayCounting>())}.");
        }

        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex CalendarIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex KeyPattern();
}
