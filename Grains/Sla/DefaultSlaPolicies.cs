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

    /// <summary>
    /// Tasks (a follow-up, a care task, an onboarding step): the resolution target is the time a task gets when nobody
    /// names a due date, and the ladder counts from the due date (<see cref="TaskSchedule"/>). A follow-up not done
    /// within 3 days reminds its owner then; a day later it reaches the owner's manager.
    /// </summary>
    public static SlaPolicy Task { get; } = new(
        Id: "task-standard",
        Name: "Tasks",
        Version: 1,
        Match: new PolicyMatch(Kind: CaseKind.Task),
        Priority: 0,
        Clock: ClockKind.Calendar,
        CalendarId: null,
        FirstResponse: TimeSpan.FromDays(3),
        Resolution: TimeSpan.FromDays(3),
        WarnAt: 0.8,
        Escalations: new EscalationStep[]
        {
            new EscalationStep(TimeSpan.FromDays(1), EmployeeRole.TeamLead, EscalationAction.Notify),
        });

    /// <summary>Service requests (contact changes, documents, enquiries): a working day to take up, five to finish.</summary>
    public static SlaPolicy ServiceRequest { get; } = new(
        Id: "service-standard",
        Name: "Service requests",
        Version: 1,
        Match: new PolicyMatch(Kind: CaseKind.ServiceRequest),
        Priority: 0,
        Clock: ClockKind.Business,
        CalendarId: ShippedCalendars.MainlandChinaId,
        FirstResponse: BusinessDay,
        Resolution: BusinessDay * 5,
        WarnAt: 0.8,
        Escalations: new EscalationStep[]
        {
            new EscalationStep(BusinessDay * 3, EmployeeRole.TeamLead, EscalationAction.Notify),
            new EscalationStep(BusinessDay * 5, EmployeeRole.BranchHead, EscalationAction.Notify),
        });

    /// <summary>A KYC renewal runs against the client's risk-assessment expiry, so it gets ten working days and one rung.</summary>
    public static SlaPolicy KycRenewal { get; } = new(
        Id: "service-kyc",
        Name: "KYC renewal",
        Version: 1,
        Match: new PolicyMatch(Categories: new[] { "KycRenewal" }, Kind: CaseKind.ServiceRequest),
        Priority: 10,
        Clock: ClockKind.Business,
        CalendarId: ShippedCalendars.MainlandChinaId,
        FirstResponse: BusinessDay * 2,
        Resolution: BusinessDay * 10,
        WarnAt: 0.8,
        Escalations: new EscalationStep[]
        {
            new EscalationStep(BusinessDay * 8, EmployeeRole.TeamLead, EscalationAction.Notify),
        });

    // Plain arrays, not collection expressions: a collection expression typed as IReadOnlyList<T> becomes a
    // compiler-generated type that the Orleans serializer does not know.
    public static IReadOnlyList<SlaPolicy> All { get; } = new[] { Vip, Standard, Task, ServiceRequest, KycRenewal };

    /// <summary>The shipped catch-all of each kind of case, which a catalog stored before that kind existed lacks.</summary>
    public static IReadOnlyList<SlaPolicy> CatchAlls { get; } = new[] { Standard, Task, ServiceRequest };
}
