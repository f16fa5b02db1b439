using WealthActors.Grains.Calendars;
using WealthActors.Sla;

namespace WealthActors.Grains.Sla;

/// <summary>The policies shipped with the product; the catalog starts from these and administrators may replace them.</summary>
public static class DefaultSlaPolicies
{
    private static readonly TimeSpan BusinessDay = TimeSpan.FromDays(1);

    /// <summary>VIP clients: calendar hours, branch head after 24 hours.</summary>
    public static SlaPolicy Vip { get; } = new(
        Id: "vip",
        Name: "VIP",
        Version: 1,
        Match: new PolicyMatch(Vip: true),
        Priority: 100,
        Clock: ClockKind.Calendar,
        CalendarId: null,
        FirstResponse: TimeSpan.FromHours(2),
        Resolution: TimeSpan.FromDays(15),
        WarnAt: 0.8,
        Escalations: new EscalationStep[]
        {
            new EscalationStep(TimeSpan.FromHours(12), EmployeeRole.TeamLead, EscalationAction.Notify),
            new EscalationStep(TimeSpan.FromHours(24), EmployeeRole.BranchHead, EscalationAction.Notify),
            new EscalationStep(TimeSpan.FromHours(48), EmployeeRole.RegionalHead, EscalationAction.Notify),
        });

    /// <summary>Everyone else: business days in the mainland-China calendar (weekends, public holidays, make-up working days).</summary>
    public static SlaPolicy Standard { get; } = new(
        Id: "standard",
        Name: "Standard",
        Version: 1,
        Match: new PolicyMatch(),
        Priority: 0,
        Clock: ClockKind.Business,
        CalendarId: ShippedCalendars.MainlandChinaId,

        // A business day counts in full (24 h of working time), so "1 business day" is one day of the calendar's working time.
        FirstResponse: BusinessDay,

        // The regulatory 15 calendar days are enforced by the backstop on every policy. On a business clock 15 days would
        // mean three working weeks, past that backstop; 10 business days (two working weeks) lands within 15 calendar
        // days in an ordinary fortnight, so resolving on target also meets the regulation.
        Resolution: BusinessDay * 10,
        WarnAt: 0.8,
        Escalations: new EscalationStep[]
        {
            new EscalationStep(BusinessDay * 2, EmployeeRole.TeamLead, EscalationAction.Notify),
            new EscalationStep(BusinessDay * 5, EmployeeRole.BranchHead, EscalationAction.Notify),
        });

    // Plain arrays, not collection expressions: a collection expression typed as IReadOnlyList<T> becomes a
    // compiler-generated type that the Orleans serializer does not know.
    public static IReadOnlyList<SlaPolicy> All { get; } = new[] { Vip, Standard };
}
