using Microsoft.Extensions.DependencyInjection;
using WealthActors.Calendars;
using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Sla;
using WealthActors.Grains.Tests.Infrastructure;
using WealthActors.Sla;

namespace WealthActors.Grains.Tests.Calendars;

[Collection(ClusterCollection.Name)]
public sealed class CalendarCatalogGrainTests(ClusterFixture fixture)
{
    private static readonly Actor Admin = Actor.System("tests");

    private IGrainFactory Grains => fixture.Grains;

    private ICalendarCatalogGrain Catalog => Grains.GetGrain<ICalendarCatalogGrain>(ICalendarCatalogGrain.DefaultKey);

    [Fact]
    public async Task List_Always_IncludesTheShippedCalendars()
    {
        var calendars = await Catalog.List();

        Assert.Contains(calendars, c => c.Id == "cn-mainland" && c.Holidays.Count >= 33);
        Assert.Contains(calendars, c => c.Id == "cn-weekdays");
    }

    [Fact]
    public async Task Put_SameCalendarTwice_StoresIncreasingVersions()
    {
        var calendar = Calendar(NewCalendarId(), []);

        var first = await Catalog.Put(calendar, Admin);
        var second = await Catalog.Put(calendar with { Name = "Renamed" }, Admin);

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal("Renamed", (await Catalog.Get(calendar.Id))!.Name);
    }

    [Fact]
    public async Task Put_Invalid_ThrowsNamingTheFieldAndChangesNothing()
    {
        var calendar = await Catalog.Put(Calendar(NewCalendarId(), []), Admin);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Catalog.Put(calendar with { TimeZone = "Nowhere/Land" }, Admin));

        Assert.Equal("timeZone", error.Field);
        Assert.Equal(calendar, await Catalog.Get(calendar.Id));
    }

    [Fact]
    public async Task Put_AddsAHolidayToAnOpenComplaintsCalendar_EscalatesAtTheNewLaterInstantOnly()
    {
        var org = await TestOrg.Create(Grains);
        var (calendar, category) = await BusinessPolicy([]);
        var id = NewComplaintId();
        var opened = await Open(org, id, category);
        var oldDue = opened.Escalations[0].Due!.Value;
        Assert.Equal(calendar.Id, fixture.ReadModel.Complaints[id].CalendarId);

        var holiday = NextWorkingDayAfter(calendar, opened.OpenedAt);
        var changed = await Catalog.Put(calendar with { Holidays = [new CalendarHoliday(holiday, "Extra day off")] }, Admin);
        var newDue = BusinessCalendarRules.Build(changed).AddWorkingTime(opened.OpenedAt, TimeSpan.FromDays(2));

        // Re-armed when the change returned, without any further command.
        Assert.True(newDue > oldDue);
        Assert.Equal(newDue, (await Complaint(id).GetView()).Escalations[0].Due);

        // At the old instant only the first-response breach (due then as well under the new calendar) fires; waiting
        // for it means the tick re-armed before the clock moves on.
        await AdvanceTo(oldDue);
        await Eventually.Until(() => Inbox(org.Advisor), inbox => inbox.Any(m => m.Key == $"{id}:breach-first-response:1"), "the first-response breach");
        await Complaint(id).GetView();
        Assert.Empty(Escalations(await Inbox(org.TeamLead), id));

        await AdvanceTo(newDue);
        await WaitForEscalation(org.TeamLead, id);
        Assert.Equal(newDue, (await Complaint(id).GetView()).Escalations[0].FiredAt);
    }

    [Fact]
    public async Task Put_CreatesTheCalendarAnOpenComplaintsPolicyNames_ReArmsItInThatCalendarAtOnce()
    {
        var org = await TestOrg.Create(Grains);
        // Opened on a Friday morning: the default calendar counts the team lead's two days over the weekend; the new
        // calendar works every day, so its deadline is earlier.
        await AdvanceTo(NextFridayMorning(fixture.Clock.GetUtcNow()));
        var calendarId = NewCalendarId();
        var category = await PolicyOn(calendarId);
        var id = NewComplaintId();
        var opened = await Open(org, id, category);
        var waiting = fixture.ReadModel.Complaints[id];
        Assert.Equal((BusinessCalendarProvider.DefaultCalendarId, calendarId), (waiting.CalendarId, waiting.AwaitedCalendarId));

        var weekends = Enumerable.Range(0, 14).Select(d => DateOnly.FromDateTime(opened.OpenedAt.ToOffset(TimeSpan.FromHours(8)).Date).AddDays(d))
            .Where(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).ToArray();
        var created = await Catalog.Put(Calendar(calendarId, []) with { MakeUpWorkingDays = weekends }, Admin);
        var newCalendar = BusinessCalendarRules.Build(created);
        var newDue = newCalendar.AddWorkingTime(opened.OpenedAt, TimeSpan.FromDays(2));

        // Re-armed when the creation returned, without any further command.
        Assert.True(newDue < opened.Escalations[0].Due);
        var adopted = fixture.ReadModel.Complaints[id];
        Assert.Equal(
            (calendarId, (string?)null, newCalendar.AddWorkingTime(opened.OpenedAt, TimeSpan.FromDays(10))),
            (adopted.CalendarId, adopted.AwaitedCalendarId, adopted.ResolutionDue));
        await AdvanceTo(newDue);
        await WaitForEscalation(org.TeamLead, id);
        Assert.Equal(newDue, (await Complaint(id).GetView()).Escalations[0].FiredAt);
    }

    [Fact]
    public async Task Put_RemovesAHolidayFromAnOpenComplaintsCalendar_EscalatesEarlier()
    {
        var org = await TestOrg.Create(Grains);
        var start = fixture.Clock.GetUtcNow();
        var shanghai = BusinessCalendarRules.Build(Calendar("probe", []));
        var holiday = NextWorkingDayAfter(Calendar("probe", []), start);
        var (calendar, category) = await BusinessPolicy([new CalendarHoliday(holiday, "Day off")]);
        var id = NewComplaintId();
        var opened = await Open(org, id, category);
        var oldDue = opened.Escalations[0].Due!.Value;

        await Catalog.Put(calendar with { Holidays = [] }, Admin);
        var newDue = shanghai.AddWorkingTime(opened.OpenedAt, TimeSpan.FromDays(2));

        Assert.True(newDue < oldDue);
        await AdvanceTo(newDue);
        await WaitForEscalation(org.TeamLead, id);
        var fired = (await Complaint(id).GetView()).Escalations[0].FiredAt;
        Assert.Equal(newDue, fired);
    }

    [Fact]
    public async Task CalendarChanged_OlderVersionOrOtherCalendar_ChangesNothing()
    {
        var org = await TestOrg.Create(Grains);
        var (calendar, category) = await BusinessPolicy([]);
        var id = NewComplaintId();
        var opened = await Open(org, id, category);
        var holiday = NextWorkingDayAfter(calendar, opened.OpenedAt);
        await Catalog.Put(calendar with { Holidays = [new CalendarHoliday(holiday, "Day off")] }, Admin);
        var current = (await Complaint(id).GetView()).Escalations[0].Due;

        // A late notice of version 1 (no holiday), and a notice about a calendar this case does not count in.
        await Complaint(id).CalendarChanged(calendar);
        await Complaint(id).CalendarChanged(Calendar(NewCalendarId(), []) with { Version = 9 });

        Assert.Equal(current, (await Complaint(id).GetView()).Escalations[0].Due);
    }

    [Fact]
    public async Task Activation_SiloHoldsAnOlderCalendarThanTheCaseWasToldOf_FetchesTheCurrentOne()
    {
        var org = await TestOrg.Create(Grains);
        var (calendar, category) = await BusinessPolicy([]);
        var id = NewComplaintId();
        var opened = await Open(org, id, category);
        var changed = await Catalog.Put(calendar with { Holidays = [new CalendarHoliday(NextWorkingDayAfter(calendar, opened.OpenedAt), "Day off")] }, Admin);
        var newDue = BusinessCalendarRules.Build(changed).AddWorkingTime(opened.OpenedAt, TimeSpan.FromDays(2));

        // As on a silo that was never told: its provider still holds version 1 when the case activates there.
        await fixture.Cluster.DeactivateAsync(Complaint(id));
        ((BusinessCalendarProvider)SiloCalendars).Replace(BusinessCalendarRules.Build(calendar));
        Assert.Equal(1, SiloCalendars.VersionOf(calendar.Id));

        Assert.Equal(newDue, (await Complaint(id).GetView()).Escalations[0].Due);
        Assert.Equal(2, SiloCalendars.VersionOf(calendar.Id));
    }

    [Fact]
    public async Task Put_ReadModelDownDuringTheReArm_ReminderFinishesItLater()
    {
        var org = await TestOrg.Create(Grains);
        var (calendar, category) = await BusinessPolicy([]);
        var id = NewComplaintId();
        var opened = await Open(org, id, category);
        var oldResolution = fixture.ReadModel.Complaints[id].ResolutionDue;

        fixture.ReadModel.FailCalendarQueries(1);
        var changed = await Catalog.Put(calendar with { Holidays = [new CalendarHoliday(NextWorkingDayAfter(calendar, opened.OpenedAt), "Day off")] }, Admin);
        var newResolution = BusinessCalendarRules.Build(changed).AddWorkingTime(opened.OpenedAt, TimeSpan.FromDays(10));

        // The change is stored, the case not yet re-armed; the catalog's retry reminder completes it.
        Assert.Equal(2, changed.Version);
        Assert.Equal(oldResolution, fixture.ReadModel.Complaints[id].ResolutionDue);
        await fixture.Advance(TimeSpan.FromMinutes(1));
        await Eventually.Until(() => Task.FromResult(fixture.ReadModel.Complaints[id].ResolutionDue), due => due == newResolution, "the retried re-arm");
    }

    [Fact]
    public async Task LoadAsync_ProviderBehindTheCatalog_TakesTheNewerVersions()
    {
        var calendar = await Catalog.Put(Calendar(NewCalendarId(), []), Admin);
        await Catalog.Put(calendar with { Name = "Second" }, Admin);
        var provider = new BusinessCalendarProvider([]);
        var sync = new CalendarSync(Grains, provider, fixture.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<CalendarSync>.Instance);

        Assert.True(await sync.LoadAsync() >= 1);

        Assert.Equal(2, provider.VersionOf(calendar.Id));
        Assert.Equal(0, await sync.LoadAsync());
    }

    private IBusinessCalendarProvider SiloCalendars =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IBusinessCalendarProvider>();

    private async Task<(BusinessCalendarDefinition Calendar, string Category)> BusinessPolicy(IReadOnlyList<CalendarHoliday> holidays)
    {
        var calendar = await Catalog.Put(Calendar(NewCalendarId(), holidays), Admin);
        return (calendar, await PolicyOn(calendar.Id));
    }

    /// <summary>A business-clock policy counting in <paramref name="calendarId"/>, which the catalog need not have.</summary>
    private async Task<string> PolicyOn(string calendarId)
    {
        var category = $"cal-{Guid.NewGuid():N}"[..16];

        // Matches only its own category, so no other test's complaint ever takes this policy.
        var policy = new SlaPolicy(
            category, "Business test", 0, new PolicyMatch(Categories: [category]), 10, ClockKind.Business, calendarId,
            TimeSpan.FromDays(1), TimeSpan.FromDays(10), 0.8,
            [new EscalationStep(TimeSpan.FromDays(2), EmployeeRole.TeamLead, EscalationAction.Notify)]);
        await Grains.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey).Put(policy, Admin);
        return category;
    }

    /// <summary>09:00 in Shanghai on the first Friday after <paramref name="instant"/>.</summary>
    private static DateTimeOffset NextFridayMorning(DateTimeOffset instant)
    {
        var local = instant.ToOffset(TimeSpan.FromHours(8));
        var day = DateOnly.FromDateTime(local.Date).AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Friday)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
    }

    private Task<ComplaintView> Open(TestOrg org, string id, string category) =>
        Complaint(id).Open(new OpenComplaint(org.MassClient, category, Severity.Normal, "phone", "Fee charged twice", category), Actor.Employee(org.Advisor, "tests"));

    private static BusinessCalendarDefinition Calendar(string id, IReadOnlyList<CalendarHoliday> holidays) =>
        new(id, "Test calendar", 0, "Asia/Shanghai", null, holidays, []);

    /// <summary>The first working day after the local date of <paramref name="instant"/>: wholly inside the next two working days.</summary>
    private static DateOnly NextWorkingDayAfter(BusinessCalendarDefinition definition, DateTimeOffset instant)
    {
        var calendar = BusinessCalendarRules.Build(definition);
        var day = calendar.DateOf(instant).AddDays(1);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private async Task AdvanceTo(DateTimeOffset instant)
    {
        var now = fixture.Clock.GetUtcNow();
        if (instant > now)
        {
            await fixture.Advance(instant - now);
        }
    }

    private IComplaintGrain Complaint(string id) => Grains.GetGrain<IComplaintGrain>(id);

    private Task<IReadOnlyList<InboxMessage>> Inbox(string employeeId) => Grains.GetGrain<IEmployeeGrain>(employeeId).GetInbox(100);

    private static InboxMessage[] Escalations(IEnumerable<InboxMessage> inbox, string complaintId) =>
        inbox.Where(m => m.ComplaintId == complaintId && m.Kind == InboxKind.Escalation && m.Key == $"{complaintId}:1:1").ToArray();

    private Task<IReadOnlyList<InboxMessage>> WaitForEscalation(string employeeId, string complaintId) =>
        Eventually.Until(() => Inbox(employeeId), inbox => Escalations(inbox, complaintId).Length > 0, $"an escalation of {complaintId} for {employeeId}");

    private static string NewCalendarId() => $"cal-{Guid.NewGuid():N}"[..20];

    private static string NewComplaintId() => $"CMP-{Guid.NewGuid():N}"[..24];
}
