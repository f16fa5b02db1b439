using BenchmarkDotNet.Attributes;
using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Bench.Inside.Micro;

/// <summary>
/// The pure SLA evaluation every complaint command, reminder tick and activation runs: a VIP case on the continuous
/// calendar, and a standard case on the Shanghai business calendar (weekends, holidays, make-up days), both
/// mid-ladder with one event already fired.
/// </summary>
[MemoryDiagnoser]
public class SlaEvaluationBenchmarks
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8));
    private readonly HashSet<string> _fired = [];
    private SlaClock _clock = null!;
    private IBusinessCalendar _business = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clock = SlaClock.Start(Opened);
        _business = new BusinessCalendarProvider([]).Get(ClockKind.Business, BusinessCalendar.WeekdaysShanghaiId);
        var first = SlaEvaluator.Evaluate(DefaultSlaPolicies.Vip, _clock, _fired, 0, Opened.AddHours(13), ContinuousCalendar.Instance);
        foreach (var due in first.Due)
        {
            _fired.Add(due.Name);
        }
    }

    [Benchmark]
    public SlaEvaluation VipCalendar() =>
        SlaEvaluator.Evaluate(DefaultSlaPolicies.Vip, _clock, _fired, 1, Opened.AddHours(13), ContinuousCalendar.Instance);

    [Benchmark]
    public SlaEvaluation StandardBusiness() =>
        SlaEvaluator.Evaluate(DefaultSlaPolicies.Standard, _clock, _fired, 1, Opened.AddDays(3), _business);
}
