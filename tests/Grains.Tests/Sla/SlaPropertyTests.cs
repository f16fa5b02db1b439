using CsCheck;
using WealthActors.Calendars;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Sla;
using WealthActors.Sla;
using static WealthActors.Grains.Tests.Sla.SlaTesting;

namespace WealthActors.Grains.Tests.Sla;

/// <summary>Invariants of calendars and evaluation over random policies, clock histories and instants.</summary>
public sealed class SlaPropertyTests
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly IBusinessCalendar[] Calendars =
    [
        ContinuousCalendar.Instance,
        BusinessCalendar.WeekdaysShanghai,
        new BusinessCalendar(
            "cn-2025",
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
            [.. Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d)), new DateOnly(2026, 1, 1)],
            [new DateOnly(2025, 9, 28), new DateOnly(2025, 10, 11)]),
        new BusinessCalendar(
            "de-dst",
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
            [new DateOnly(2025, 12, 25), new DateOnly(2026, 4, 3)],
            [new DateOnly(2025, 3, 30), new DateOnly(2025, 10, 26), new DateOnly(2026, 3, 29), new DateOnly(2026, 10, 25)]),

        // The shipped mainland-China data (2026 holidays and make-up days), and working-hours calendars in DST zones,
        // one of them with hours inside the skipped and the repeated hour of the UK's clock changes.
        BusinessCalendarRules.Build(ShippedCalendars.MainlandChina),
        new BusinessCalendar(
            "uk-office",
            TimeZoneInfo.FindSystemTimeZoneById("Europe/London"),
            [new DateOnly(2025, 12, 25), new DateOnly(2026, 4, 3)],
            [new DateOnly(2026, 3, 29)],
            new WorkingHours(new TimeOnly(9, 0), new TimeOnly(17, 30))),
        new BusinessCalendar(
            "us-office",
            TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
            [new DateOnly(2025, 7, 4)],
            [new DateOnly(2025, 3, 9), new DateOnly(2025, 11, 2)],
            new WorkingHours(new TimeOnly(8, 30), new TimeOnly(17, 0))),
        new BusinessCalendar(
            "uk-night",
            TimeZoneInfo.FindSystemTimeZoneById("Europe/London"),
            [],
            [new DateOnly(2025, 3, 30), new DateOnly(2025, 10, 26), new DateOnly(2026, 3, 29), new DateOnly(2026, 10, 25)],
            new WorkingHours(new TimeOnly(0, 30), new TimeOnly(2, 30))),
    ];

    private static readonly Gen<IBusinessCalendar> GenCalendar = Gen.Int[0, Calendars.Length - 1].Select(i => Calendars[i]);

    // Instants over two years, at tick resolution, so that holidays, make-up days and DST changes are all crossed.
    private static readonly Gen<DateTimeOffset> GenInstant = Gen.Long[0, TimeSpan.FromDays(730).Ticks].Select(t => Epoch.AddTicks(t));

    private static readonly Gen<TimeSpan> GenSeconds = Gen.Int[1, (int)TimeSpan.FromDays(4).TotalSeconds].Select(s => TimeSpan.FromSeconds(s));

    private static readonly Gen<SlaPolicy> GenPolicy = Gen.Select(
        Gen.Int[0, Calendars.Length - 1],
        GenSeconds,
        GenSeconds,
        Gen.Int[1, 99],
        GenSeconds.Array[0, 4],
        (calendar, firstResponse, extra, warnPercent, gaps) => new SlaPolicy(
            Id: "p",
            Name: "random",
            Version: 1,
            Match: new PolicyMatch(),
            Priority: 0,
            Clock: calendar == 0 ? ClockKind.Calendar : ClockKind.Business,
            CalendarId: Calendars[calendar].Id,
            FirstResponse: firstResponse,
            Resolution: firstResponse + extra * 3,
            WarnAt: warnPercent / 100.0,

            // Running sums of positive gaps give a strictly increasing ladder, as validation demands.
            Escalations: [.. gaps.Select((_, i) => new EscalationStep(
                gaps.Take(i + 1).Aggregate(TimeSpan.Zero, (sum, gap) => sum + gap),
                (EmployeeRole)(1 + (i % 3)),
                EscalationAction.Notify))]));

    private enum Op { Pause, Resume, Respond, Resolve, Reopen, Extend, Tick, ChangePolicy }

    private sealed record Step(Op Op, TimeSpan Gap, TimeSpan Probe, int ProbeLevel);

    private static readonly Gen<Step> GenStep = Gen.Select(
        Gen.Int[0, 7].Select(i => (Op)i),
        Gen.Int[0, (int)TimeSpan.FromDays(3).TotalSeconds].Select(s => TimeSpan.FromSeconds(s)),
        Gen.Long[-TimeSpan.FromDays(2).Ticks, TimeSpan.FromDays(20).Ticks].Select(TimeSpan.FromTicks),
        Gen.Int[0, 5],
        (op, gap, probe, probeLevel) => new Step(op, gap, probe, probeLevel));

    private sealed record Scenario(SlaPolicy Policy, SlaPolicy Other, IBusinessCalendar OtherCalendar, DateTimeOffset Start, Step[] Steps);

    private static readonly Gen<Scenario> GenScenario = Gen.Select(
        GenPolicy,
        GenPolicy,
        GenInstant,
        GenStep.Array[1, 20],
        (policy, other, start, steps) => new Scenario(policy, other, CalendarFor(other), start, steps));

    [Fact]
    public void AddWorkingTime_ThenWorkingTimeBetween_RoundTrips() =>
        Gen.Select(GenCalendar, GenInstant, Gen.Long[0, TimeSpan.FromDays(30).Ticks].Select(TimeSpan.FromTicks))
            .Sample((calendar, start, amount) =>
            {
                var end = calendar.AddWorkingTime(start, amount);

                Assert.True(end >= start);
                Assert.Equal(amount, calendar.WorkingTimeBetween(start, end));
            }, iter: 500);

    [Fact]
    public void AddWorkingTime_PositiveAmount_EndsInsideAWorkingWindow() =>
        Gen.Select(Gen.Int[0, Calendars.Length - 1], GenInstant, Gen.Long[1, TimeSpan.FromDays(10).Ticks].Select(TimeSpan.FromTicks))
            .Where((index, _, _) => Calendars[index] is BusinessCalendar)
            .Sample((index, start, amount) =>
            {
                var calendar = (BusinessCalendar)Calendars[index];
                var end = calendar.AddWorkingTime(start, amount);

                // The instant just before the end is working time, so the end closes a stretch that was counted.
                var day = calendar.DateOf(end - Tick);
                var (open, close) = calendar.WorkingWindow(day);
                Assert.True(calendar.IsWorkingDay(day), $"{end:O} ends on a day off");
                Assert.InRange(end - Tick, open, close - Tick);
            }, iter: 500);

    [Fact]
    public void WorkingTimeBetween_ADayOff_IsZero() =>
        Gen.Select(Gen.Int[0, Calendars.Length - 1], GenInstant)
            .Where((index, _) => Calendars[index] is BusinessCalendar)
            .Sample((index, instant) =>
            {
                var calendar = (BusinessCalendar)Calendars[index];
                var day = calendar.DateOf(instant);
                var worked = calendar.WorkingTimeBetween(calendar.StartOf(day), calendar.StartOf(day.AddDays(1)));
                var (open, close) = calendar.WorkingWindow(day);

                Assert.Equal(calendar.IsWorkingDay(day) ? close - open : TimeSpan.Zero, worked);
            }, iter: 500);

    [Fact]
    public void WorkingTimeBetween_SplitAnywhere_Adds() =>
        Gen.Select(GenCalendar, GenInstant, GenInstant, GenInstant)
            .Sample((calendar, a, b, c) =>
            {
                DateTimeOffset[] sorted = [.. new[] { a, b, c }.Order()];
                var whole = calendar.WorkingTimeBetween(sorted[0], sorted[2]);

                Assert.Equal(whole, calendar.WorkingTimeBetween(sorted[0], sorted[1]) + calendar.WorkingTimeBetween(sorted[1], sorted[2]));
                Assert.True(whole <= sorted[2] - sorted[0]);
            }, iter: 200);

    [Fact]
    public void Evaluate_RandomHistories_KeepsItsPromises() =>
        GenScenario.Sample(Replay, iter: 500, print: Describe);

    private static void Replay(Scenario scenario)
    {
        var policy = scenario.Policy;
        var calendar = CalendarFor(policy);
        var now = scenario.Start;
        var clock = SlaClock.Start(now);
        var fired = new HashSet<string>();
        var firedLevel = 0;

        foreach (var step in scenario.Steps)
        {
            now += step.Gap;
            (clock, policy, calendar) = Apply(step.Op, clock, policy, calendar, scenario, now);

            // Probes at a random instant, and with a level claimed fired that no name records (as after a policy change),
            // must obey the same rules without changing what has fired.
            var probeAt = now + step.Probe;
            AssertConsistent(SlaEvaluator.Evaluate(policy, clock, fired, firedLevel, probeAt, calendar), probeAt, fired, firedLevel);
            AssertConsistent(SlaEvaluator.Evaluate(policy, clock, NothingFired, step.ProbeLevel, probeAt, calendar), probeAt, NothingFired, step.ProbeLevel);

            var result = SlaEvaluator.Evaluate(policy, clock, fired, firedLevel, now, calendar);
            AssertConsistent(result, now, fired, firedLevel);

            // The armed reminder must find something to do when it fires.
            if (result.NextDeadline is { } next)
            {
                Assert.NotEmpty(SlaEvaluator.Evaluate(policy, clock, fired, firedLevel, next, calendar).Due);
            }

            foreach (var due in result.Due)
            {
                Assert.True(fired.Add(due.Name), $"{due.Name} fired twice");
                if (due.Kind == SlaEventKind.Escalation)
                {
                    Assert.True(due.Level > firedLevel, $"level {due.Level} after {firedLevel}");
                    firedLevel = due.Level;
                }
            }
        }
    }

    private static void AssertConsistent(SlaEvaluation result, DateTimeOffset now, IReadOnlySet<string> fired, int firedLevel)
    {
        Assert.True(result.NextDeadline is null || result.NextDeadline > now, $"next deadline {result.NextDeadline:O} not after {now:O}");
        Assert.All(result.Due, e => Assert.True(e.Due <= now, $"{e.Name} due {e.Due:O} after {now:O}"));
        Assert.All(result.Due, e => Assert.DoesNotContain(e.Name, fired));
        Assert.All(result.Due, e => Assert.False(e.Kind == SlaEventKind.Escalation && e.Level <= firedLevel, $"{e.Name} at or below level {firedLevel}"));
        Assert.Equal(result.Due.OrderBy(e => e.Due).ThenBy(e => e.Level).Select(e => e.Name), result.Due.Select(e => e.Name));
    }

    private static (SlaClock, SlaPolicy, IBusinessCalendar) Apply(
        Op op, SlaClock clock, SlaPolicy policy, IBusinessCalendar calendar, Scenario scenario, DateTimeOffset now)
    {
        // Like the grain, only valid transitions are applied; the rest of the history is just the passing of time.
        var next = op switch
        {
            Op.Pause when clock.IsRunning => clock.Pause(now, calendar),
            Op.Resume when clock.IsPaused => clock.Resume(now),
            Op.Respond => clock.Respond(now),
            Op.Resolve when !clock.IsResolved => clock.Resolve(now, calendar),
            Op.Reopen when clock.IsResolved => clock.Reopen(now),
            Op.Extend when !clock.RegulatoryExtended => clock.ExtendRegulatory(),
            _ => clock,
        };

        if (op != Op.ChangePolicy)
        {
            return (next, policy, calendar);
        }

        next = clock.Checkpoint(now, calendar);
        return policy == scenario.Policy ? (next, scenario.Other, scenario.OtherCalendar) : (next, scenario.Policy, CalendarFor(scenario.Policy));
    }

    // Records print nested lists as type names; a failing history is only useful when every step is visible.
    private static string Describe(Scenario scenario) =>
        $"policy {Describe(scenario.Policy)}; other {Describe(scenario.Other)}; start {scenario.Start:O}; steps "
        + string.Join(", ", scenario.Steps.Select(s => $"{s.Op}+{s.Gap} probe {s.Probe} level {s.ProbeLevel}"));

    private static string Describe(SlaPolicy policy) =>
        $"{policy.Clock}/{policy.CalendarId} first {policy.FirstResponse} resolution {policy.Resolution} warn {policy.WarnAt} "
        + $"ladder [{string.Join(", ", policy.Escalations.Select(e => e.After))}]";

    private static IBusinessCalendar CalendarFor(SlaPolicy policy) => policy.Clock == ClockKind.Calendar
        ? ContinuousCalendar.Instance
        : Calendars.First(c => c.Id == policy.CalendarId);
}
