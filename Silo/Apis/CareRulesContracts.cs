using System.Text.Json;
using WealthActors.Care;

namespace WealthActors.Silo.Apis;

/// <summary>The care rules document: <c>{ version, rules: { "care-birthday": { … }, … } }</c>, keyed by rule name.</summary>
public sealed record CareRulesResponse(int Version, IReadOnlyDictionary<string, object> Rules)
{
    public static CareRulesResponse From(CareRules r) => new(r.Version, new Dictionary<string, object>
    {
        [CareRuleNames.Birthday] = new BirthdayRuleDto(r.Birthday.Schedule.Enabled, r.Birthday.Schedule.FireAt, r.Birthday.Schedule.TimeZone, r.Birthday.LeadDays, r.Birthday.MinTier),
        [CareRuleNames.Maturity] = new MaturityRuleDto(r.Maturity.Schedule.Enabled, r.Maturity.Schedule.FireAt, r.Maturity.Schedule.TimeZone, r.Maturity.StageDays),
        [CareRuleNames.Dormancy] = new DormancyRuleDto(r.Dormancy.Schedule.Enabled, r.Dormancy.Schedule.FireAt, r.Dormancy.Schedule.TimeZone, r.Dormancy.Days, r.Dormancy.VipToTeamLead),
        [CareRuleNames.RiskExpiry] = new RiskExpiryRuleDto(r.RiskExpiry.Schedule.Enabled, r.RiskExpiry.Schedule.FireAt, r.RiskExpiry.Schedule.TimeZone, r.RiskExpiry.Days),
        [CareRuleNames.SlaDigest] = new ScheduleDto(r.SlaDigest.Schedule.Enabled, r.SlaDigest.Schedule.FireAt, r.SlaDigest.Schedule.TimeZone),
        [CareRuleNames.Outflow] = new OutflowRuleDto(r.Outflow.Enabled, r.Outflow.AumShare, r.Outflow.Amount),
    });
}

public sealed record ScheduleDto(bool Enabled, string FireAt, string TimeZone);

public sealed record BirthdayRuleDto(bool Enabled, string FireAt, string TimeZone, int LeadDays, ClientTier MinTier);

public sealed record MaturityRuleDto(bool Enabled, string FireAt, string TimeZone, IReadOnlyList<int> StageDays);

public sealed record DormancyRuleDto(bool Enabled, string FireAt, string TimeZone, int Days, bool VipToTeamLead);

public sealed record RiskExpiryRuleDto(bool Enabled, string FireAt, string TimeZone, int Days);

public sealed record OutflowRuleDto(bool Enabled, decimal AumShare, decimal Amount);

/// <summary>
/// Applies a PUT body <c>{ rules: { name: { field: value, … } } }</c> to the current rules: only the rules and fields
/// given change. Unknown rules, fields that do not belong to a rule and values of the wrong type are errors naming
/// <c>rules.{name}.{field}</c>.
/// </summary>
internal static class CareRulesPatch
{
    public static CareRules? Apply(CareRules current, JsonElement body, RequestValidation v)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Object)
        {
            v.Add("rules", "is required: an object keyed by rule name.");
            return null;
        }

        var result = current;
        foreach (var rule in rules.EnumerateObject())
        {
            var field = $"rules.{rule.Name}";
            if (!CareRuleNames.All.Contains(rule.Name))
            {
                v.Add(field, $"is not a care rule; the rules are {string.Join(", ", CareRuleNames.All)}.");
                continue;
            }

            if (rule.Value.ValueKind != JsonValueKind.Object)
            {
                v.Add(field, "must be an object.");
                continue;
            }

            foreach (var property in rule.Value.EnumerateObject())
            {
                result = Field(result, rule.Name, property.Name, property.Value, $"{field}.{property.Name}", v);
            }
        }

        return result;
    }

    private static CareRules Field(CareRules r, string rule, string name, JsonElement value, string field, RequestValidation v)
    {
        if (rule == CareRuleNames.Outflow)
        {
            return name switch
            {
                "enabled" when Bool(value, field, v) is { } b => r with { Outflow = r.Outflow with { Enabled = b } },
                "aumShare" when Number(value, field, v) is { } n => r with { Outflow = r.Outflow with { AumShare = n } },
                "amount" when Number(value, field, v) is { } n => r with { Outflow = r.Outflow with { Amount = n } },
                "enabled" or "aumShare" or "amount" => r,
                _ => Unknown(r, field, v),
            };
        }

        return (rule, name) switch
        {
            (_, "enabled") when Bool(value, field, v) is { } b => WithSchedule(r, rule, s => s with { Enabled = b }),
            (_, "fireAt") when Text(value, field, v) is { } t => WithSchedule(r, rule, s => s with { FireAt = t }),
            (_, "timeZone") when Text(value, field, v) is { } t => WithSchedule(r, rule, s => s with { TimeZone = t }),
            (CareRuleNames.Birthday, "leadDays") when Int(value, field, v) is { } n => r with { Birthday = r.Birthday with { LeadDays = n } },
            (CareRuleNames.Birthday, "minTier") when Tier(value, field, v) is { } t => r with { Birthday = r.Birthday with { MinTier = t } },
            (CareRuleNames.Maturity, "stageDays") when Ints(value, field, v) is { } list => r with { Maturity = r.Maturity with { StageDays = list } },
            (CareRuleNames.Dormancy, "days") when Int(value, field, v) is { } n => r with { Dormancy = r.Dormancy with { Days = n } },
            (CareRuleNames.Dormancy, "vipToTeamLead") when Bool(value, field, v) is { } b => r with { Dormancy = r.Dormancy with { VipToTeamLead = b } },
            (CareRuleNames.RiskExpiry, "days") when Int(value, field, v) is { } n => r with { RiskExpiry = r.RiskExpiry with { Days = n } },
            (_, "enabled" or "fireAt" or "timeZone") or (CareRuleNames.Birthday, "leadDays" or "minTier") or (CareRuleNames.Maturity, "stageDays")
                or (CareRuleNames.Dormancy, "days" or "vipToTeamLead") or (CareRuleNames.RiskExpiry, "days") => r,
            _ => Unknown(r, field, v),
        };
    }

    private static CareRules WithSchedule(CareRules r, string rule, Func<CareSchedule, CareSchedule> change) => rule switch
    {
        CareRuleNames.Birthday => r with { Birthday = r.Birthday with { Schedule = change(r.Birthday.Schedule) } },
        CareRuleNames.Maturity => r with { Maturity = r.Maturity with { Schedule = change(r.Maturity.Schedule) } },
        CareRuleNames.Dormancy => r with { Dormancy = r.Dormancy with { Schedule = change(r.Dormancy.Schedule) } },
        CareRuleNames.RiskExpiry => r with { RiskExpiry = r.RiskExpiry with { Schedule = change(r.RiskExpiry.Schedule) } },
        _ => r with { SlaDigest = r.SlaDigest with { Schedule = change(r.SlaDigest.Schedule) } },
    };

    private static CareRules Unknown(CareRules r, string field, RequestValidation v)
    {
        v.Add(field, "is not a setting of this rule.");
        return r;
    }

    private static bool? Bool(JsonElement value, string field, RequestValidation v)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        v.Add(field, "must be true or false.");
        return null;
    }

    private static string? Text(JsonElement value, string field, RequestValidation v)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        v.Add(field, "must be a string.");
        return null;
    }

    private static int? Int(JsonElement value, string field, RequestValidation v)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
        {
            return n;
        }

        v.Add(field, "must be a whole number of days.");
        return null;
    }

    private static decimal? Number(JsonElement value, string field, RequestValidation v)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var n))
        {
            return n;
        }

        v.Add(field, "must be a number.");
        return null;
    }

    private static int[]? Ints(JsonElement value, string field, RequestValidation v)
    {
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _)))
        {
            return value.EnumerateArray().Select(e => e.GetInt32()).ToArray();
        }

        v.Add(field, "must be an array of whole numbers of days.");
        return null;
    }

    private static ClientTier? Tier(JsonElement value, string field, RequestValidation v)
    {
        if (value.ValueKind == JsonValueKind.String && Enum.TryParse<ClientTier>(value.GetString(), ignoreCase: false, out var tier)
            && Enum.IsDefined(tier) && !int.TryParse(value.GetString(), out _))
        {
            return tier;
        }

        v.Add(field, $"must be one of {string.Join(", ", Enum.GetNames<ClientTier>())}.");
        return null;
    }
}
