using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Tests.Sla;

/// <summary>Shared instants and shorthands for the SLA tests.</summary>
internal static class SlaTesting
{
    public static readonly TimeSpan ShanghaiOffset = TimeSpan.FromHours(8);

    public static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    public static readonly IReadOnlySet<string> NothingFired = new HashSet<string>();

    /// <summary>A wall-clock instant in China Standard Time (no DST), where the default calendar lives.</summary>
    public static DateTimeOffset Cst(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, ShanghaiOffset);

    public static SlaEvaluation Evaluate(
        SlaPolicy policy,
        SlaClock clock,
        DateTimeOffset now,
        IReadOnlySet<string>? fired = null,
        int firedLevel = 0) =>
        SlaEvaluator.Evaluate(policy, clock, fired ?? NothingFired, firedLevel, now, CalendarOf(policy));

    public static IBusinessCalendar CalendarOf(SlaPolicy policy) =>
        new BusinessCalendarProvider([]).Get(policy.Clock, policy.CalendarId);

    public static string[] Names(this SlaEvaluation evaluation) => [.. evaluation.Due.Select(e => e.Name)];
}
