using WealthActors.Sla;

namespace WealthActors.Grains.Sla;

/// <summary>Which policy applies to a case, and whether a policy is well-formed.</summary>
public static class SlaPolicyMatcher
{
    /// <summary>Durations beyond this are almost certainly unit mistakes, and they keep deadline arithmetic bounded.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    private static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A null or empty criterion matches anything; categories compare ordinal-ignore-case. The kind of case always has
    /// to agree (a policy without one is a complaint policy).
    /// </summary>
    public static bool Matches(PolicyMatch match, PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(subject);

        return match.CaseKind == subject.Kind
            && (match.Vip is not { } vip || vip == subject.Vip)
            && (match.Tiers is not { Count: > 0 } tiers || tiers.Contains(subject.Tier))
            && (match.Categories is not { Count: > 0 } categories
                || categories.Any(c => string.Equals(c, subject.Category, StringComparison.OrdinalIgnoreCase)))
            && (match.Severities is not { Count: > 0 } severities || severities.Contains(subject.Severity));
    }

    /// <summary>The matching policy with the highest priority; ties go to the lowest id (ordinal) so the choice is stable.</summary>
    public static SlaPolicy? Select(IEnumerable<SlaPolicy> policies, PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(subject);

        return policies
            .Where(p => p.Match is not null && Matches(p.Match, subject))
            .OrderByDescending(p => p.Priority)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>The problems of a policy as "field: message" (field names as in the HTTP API); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(policy.Id))
        {
            problems.Add("id: must not be empty");
        }

        if (string.IsNullOrWhiteSpace(policy.Name))
        {
            problems.Add("name: must not be empty");
        }

        if (policy.Version < 0)
        {
            problems.Add("version: must not be negative");
        }

        ValidateMatch(policy.Match, problems);

        if (!Enum.IsDefined(policy.Clock))
        {
            problems.Add("clock: must be Calendar or Business");
        }

        ValidateDuration("firstResponse", policy.FirstResponse, problems);
        ValidateDuration("resolution", policy.Resolution, problems);
        if (policy.FirstResponse > TimeSpan.Zero && policy.Resolution > TimeSpan.Zero && policy.Resolution < policy.FirstResponse)
        {
            problems.Add("resolution: must not be shorter than firstResponse");
        }

        // Written as a negation so that NaN is rejected too.
        if (!(policy.WarnAt > 0 && policy.WarnAt < 1))
        {
            problems.Add("warnAt: must be in (0,1)");
        }

        ValidateEscalations(policy.Escalations, problems);
        return problems;
    }

    private static void ValidateMatch(PolicyMatch? match, List<string> problems)
    {
        if (match is null)
        {
            problems.Add("match: is required");
            return;
        }

        if (match.Kind is { } kind && !Enum.IsDefined(kind))
        {
            problems.Add("match.kind: must be Complaint, Task or ServiceRequest");
        }

        for (var i = 0; i < (match.Tiers?.Count ?? 0); i++)
        {
            if (!Enum.IsDefined(match.Tiers![i]))
            {
                problems.Add($"match.tiers[{i}]: is not a known tier");
            }
        }

        for (var i = 0; i < (match.Categories?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(match.Categories![i]))
            {
                problems.Add($"match.categories[{i}]: must not be empty");
            }
        }

        for (var i = 0; i < (match.Severities?.Count ?? 0); i++)
        {
            if (!Enum.IsDefined(match.Severities![i]))
            {
                problems.Add($"match.severities[{i}]: is not a known severity");
            }
        }
    }

    private static void ValidateEscalations(IReadOnlyList<EscalationStep>? escalations, List<string> problems)
    {
        if (escalations is null)
        {
            problems.Add("escalations: is required (may be empty)");
            return;
        }

        TimeSpan? previous = null;
        for (var i = 0; i < escalations.Count; i++)
        {
            var field = $"escalations[{i}]";
            if (escalations[i] is not { } step)
            {
                problems.Add($"{field}: is required");
                continue;
            }

            if (ValidateDuration($"{field}.after", step.After, problems))
            {
                // Levels only rise, so each rung must come strictly later than the one before it.
                if (previous is { } before && step.After <= before)
                {
                    problems.Add($"{field}.after: must increase");
                }

                previous = step.After;
            }

            if (!Enum.IsDefined(step.ToRole))
            {
                problems.Add($"{field}.toRole: is not a known role");
            }

            if (!Enum.IsDefined(step.Action))
            {
                problems.Add($"{field}.action: must be Notify or Reassign");
            }
        }
    }

    private static bool ValidateDuration(string field, TimeSpan value, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{field}: must be positive");
            return false;
        }

        if (value < MinDuration)
        {
            problems.Add($"{field}: must be at least 1 second");
            return false;
        }

        if (value > MaxDuration)
        {
            problems.Add($"{field}: must be at most 366 days");
            return false;
        }

        return true;
    }
}
