using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// escalation-lateness as a picture: one dot per escalation, how late it was against when it fell due in the window, with
/// the p99 as a line. Whether the late ones are spread evenly or bunch in a few seconds shows at a glance.
/// </summary>
public static class LatenessPlot
{
    /// <summary>A lateness of 0 (or a hair below, from the clocks) has no place on a log axis: it is drawn at this floor.</summary>
    public const double FloorMs = 1;

    /// <summary>
    /// A tail this many times the median would crush the typical escalations into the bottom of a linear axis; a log
    /// axis then shows both.
    /// </summary>
    private const double LogAxisSpan = 20;

    public static PlotModel Build(string storage, int n, IReadOnlyList<(DateTimeOffset Due, double LatenessMs)> delivered, DateTimeOffset firstDue)
    {
        var sorted = Stats.Sorted(delivered.Select(d => d.LatenessMs));
        var (p50, p99) = (Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 99));
        var log = UseLogAxis(sorted);
        var floored = log ? sorted.Count(l => l < FloorMs) : 0;
        var model = SvgPlot.Model(
            $"Escalation lateness on {storage}: n={n}, p50 {Stats.F0(p50)} ms, p99 {Stats.F0(p99)} ms",
            $"one dot per escalation ({delivered.Count} with deliveredAt): deliveredAt − its deadline" +
            (floored > 0 ? $"; {floored} under {FloorMs:0} ms drawn at {FloorMs:0} ms" : ""));
        model.Axes.Add(SvgPlot.Axis(AxisPosition.Bottom, "deadline, after the first deadline of the window", "s", minimum: 0));
        model.Axes.Add(log
            ? SvgPlot.Styled(new LogarithmicAxis { Minimum = FloorMs * 0.8 }, AxisPosition.Left, "lateness, log scale", "ms")
            : SvgPlot.Axis(AxisPosition.Left, "lateness", "ms", minimum: Math.Min(0, sorted.FirstOrDefault())));

        var dots = new ScatterSeries { MarkerType = MarkerType.Circle, MarkerSize = 2, MarkerFill = OxyColor.FromAColor(150, OxyColors.SteelBlue) };
        foreach (var (due, latenessMs) in delivered)
        {
            dots.Points.Add(new ScatterPoint((due - firstDue).TotalSeconds, log ? Math.Max(FloorMs, latenessMs) : latenessMs));
        }

        model.Series.Add(dots);
        if (sorted.Length > 0)
        {
            model.Annotations.Add(new LineAnnotation
            {
                Type = LineAnnotationType.Horizontal, Y = log ? Math.Max(FloorMs, p99) : p99, Color = OxyColors.Firebrick,
                LineStyle = LineStyle.Dash, StrokeThickness = 1.5, Text = $"p99 {Stats.F0(p99)} ms",
            });
        }

        return model;
    }

    public static bool UseLogAxis(IReadOnlyList<double> sorted) =>
        sorted.Count > 0 && sorted[^1] / Math.Max(FloorMs, Stats.Percentile(sorted, 50)) >= LogAxisSpan;
}
