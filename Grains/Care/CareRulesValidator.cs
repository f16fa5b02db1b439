using System.Globalization;
using WealthActors.Care;

namespace WealthActors.Grains.Care;

/// <summary>The limits of each care rule's settings; field names are those of the HTTP document (<c>care-birthday.leadDays</c>).</summary>
public static class CareRulesValidator
{
    /// <summary>Longest look-ahead of a scheduled rule: a year, so an occurrence date is unique within the window.</summary>
    public const int MaxDays = 365;

    public static IReadOnlyList<(string Field, string Message)> Validate(CareRules rules)
    {
        var problems = new List<(string, string)>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                problems.Add((field, message));
            }
        }

        void Schedule(string rule, CareSchedule schedule)
        {
            Check(TryParseFireAt(schedule.FireAt, out _), $"{rule}.fireAt", "must be a local time \"HH:mm\" (00:00–23:59).");
            Check(TryFindZone(schedule.TimeZone, out _), $"{rule}.timeZone", $"'{schedule.TimeZone}' is not a known time zone id.");
        }

        void Days(int days, string field, int min = 0) =>
            Check(days >= min && days <= MaxDays, field, $"must be between {min} and {MaxDays} days.");

        Schedule(CareRuleNames.Birthday, rules.Birthday.Schedule);
        Days(rules.Birthday.LeadDays, $"{CareRuleNames.Birthday}.leadDays");
        Check(Enum.IsDefined(rules.Birthday.MinTier), $"{CareRuleNames.Birthday}.minTier", "is not a client tier.");

        Schedule(CareRuleNames.Maturity, rules.Maturity.Schedule);
        var stages = rules.Maturity.StageDays;
        Check(stages.Count is > 0 and <= 10, $"{CareRuleNames.Maturity}.stageDays", "must list 1 to 10 stages.");
        Check(stages.All(d => d is >= 0 and <= MaxDays), $"{CareRuleNames.Maturity}.stageDays", $"every stage must be between 0 and {MaxDays} days.");
        Check(stages.Distinct().Count() == stages.Count, $"{CareRuleNames.Maturity}.stageDays", "must not repeat a stage.");

        Schedule(CareRuleNames.Dormancy, rules.Dormancy.Schedule);
        Days(rules.Dormancy.Days, $"{CareRuleNames.Dormancy}.days", min: 1);

        Schedule(CareRuleNames.RiskExpiry, rules.RiskExpiry.Schedule);
        Days(rules.RiskExpiry.Days, $"{CareRuleNames.RiskExpiry}.days");

        Schedule(CareRuleNames.SlaDigest, rules.SlaDigest.Schedule);

        Check(rules.Outflow.AumShare is > 0 and <= 1, $"{CareRuleNames.Outflow}.aumShare", "must be greater than 0 and at most 1.");
        Check(rules.Outflow.Amount > 0, $"{CareRuleNames.Outflow}.amount", "must be greater than 0.");
        problems.AddRange(OnboardingTemplateValidator.Validate(rules.OnboardingOrDefault).Select(p => ($"onboarding.{p.Field}", p.Message)));
        return problems;
    }

    /// <summary>"HH:mm", 24-hour, exactly two digits each.</summary>
    public static bool TryParseFireAt(string? text, out TimeOnly time)
    {
        time = default;
        return text is { Length: 5 } && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>The Quartz cron expression (seconds first) that fires daily at the schedule's local time.</summary>
    public static string Cron(CareSchedule schedule)
    {
        var at = TryParseFireAt(schedule.FireAt, out var time) ? time : new TimeOnly(8, 0);
        return string.Create(CultureInfo.InvariantCulture, $"0 {at.Minute} {at.Hour} * * ?");
    }
}
