using System.Xml;
using WealthActors.Sla;

namespace WealthActors.Silo.Apis;

/// <param name="Kind">The kind of case (Complaint, Task or ServiceRequest); absent means Complaint.</param>
public sealed record PolicyMatchDto(
    bool? Vip, IReadOnlyList<ClientTier>? Tiers, IReadOnlyList<string>? Categories, IReadOnlyList<Severity>? Severities, CaseKind? Kind = null);

public sealed record EscalationStepDto(string? After, EmployeeRole? ToRole, EscalationAction? Action);

/// <summary>An SLA policy on the wire: durations are ISO 8601 (<c>PT2H</c>, <c>P15D</c>).</summary>
public sealed record SlaPolicyDto(
    string? Id, int? Version, string? Name, PolicyMatchDto? Match, int? Priority, ClockKind? Clock, string? CalendarId,
    string? FirstResponse, string? Resolution, double? WarnAt, IReadOnlyList<EscalationStepDto>? Escalations)
{
    /// <summary>
    /// A ladder longer than this is a mistake, not a policy (team lead, branch head, regional head and a few more), and
    /// every step is a deadline each open complaint under the policy evaluates and arms.
    /// </summary>
    public const int MaxEscalationSteps = 8;

    public static SlaPolicyDto From(SlaPolicy p) => new(
        p.Id, p.Version, p.Name,
        new PolicyMatchDto(p.Match.Vip, p.Match.Tiers, p.Match.Categories, p.Match.Severities, p.Match.Kind),
        p.Priority, p.Clock, p.CalendarId, XmlConvert.ToString(p.FirstResponse), XmlConvert.ToString(p.Resolution), p.WarnAt,
        p.Escalations.Select(e => new EscalationStepDto(XmlConvert.ToString(e.After), e.ToRole, e.Action)).ToArray());

    /// <summary>Parses the wire form, reporting every unreadable field; returns null when any was.</summary>
    public SlaPolicy? ToPolicy(string policyId, RequestValidation v)
    {
        v.Name(Name, "name", 100).Check(Clock is not null, "clock", "is required: Calendar or Business.")
            .Id(CalendarId, "calendarId", required: false)
            .Check(Escalations is null || Escalations.Count <= MaxEscalationSteps, "escalations", $"at most {MaxEscalationSteps} steps.");
        var firstResponse = Duration(FirstResponse, "firstResponse", v);
        var resolution = Duration(Resolution, "resolution", v);
        var steps = (Escalations ?? []).Select((e, i) =>
        {
            var after = Duration(e.After, $"escalations[{i}].after", v);
            v.Check(e.ToRole is not null, $"escalations[{i}].toRole", "is required.");
            return after is null || e.ToRole is null ? null : new EscalationStep(after.Value, e.ToRole.Value, e.Action ?? EscalationAction.Notify);
        }).ToArray();
        if (!v.IsValid || firstResponse is null || resolution is null)
        {
            return null;
        }

        var match = new PolicyMatch(Match?.Vip, Match?.Tiers, Match?.Categories, Match?.Severities, Match?.Kind);
        return new SlaPolicy(policyId, Name!.Trim(), 0, match, Priority ?? 0, Clock!.Value, CalendarId,
            firstResponse.Value, resolution.Value, WarnAt ?? 0.8, steps.OfType<EscalationStep>().ToArray());
    }

    private static TimeSpan? Duration(string? iso, string field, RequestValidation v)
    {
        if (string.IsNullOrWhiteSpace(iso))
        {
            v.Add(field, "is required as an ISO 8601 duration such as PT2H or P15D.");
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(iso);
        }
        catch (FormatException)
        {
            v.Add(field, $"'{iso}' is not an ISO 8601 duration such as PT2H or P15D.");
            return null;
        }
        catch (OverflowException)
        {
            v.Add(field, $"'{iso}' is too long.");
            return null;
        }
    }
}
