using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// escalation-lateness as a picture: the lateness distribution over the escalation window. The escalations are binned by
/// when their deadline fell after the window's first (at most <see cref="MaxBins"/> bins, none narrower than a second),
/// and each bin that holds any draws the p50, p99 and max of their lateness, with the overall p99 as a dashed line.
/// Whether the late ones are spread evenly or bunch in a few seconds shows at a glance, and the file's size follows the
/// bins, not n (a shape per escalation made it 1.7 MB at n=10,000).
/// </summary>
public static class LatenessPlot
{
    /// <summary>A lateness of 0 (or a hair below, from the clocks) has no place on a log axis: it is drawn at this floor.</summary>
    public const double FloorMs = 1;

    /// <summary>
    /// Fine enough to place a stall of a few seconds in a ten-minute window (5-s bins), coarse enough that a bin holds
    /// dozens of escalations at the report's sizes.
    /// </summary>
    public const int MaxBins = 120;

    /// <summary>
    /// A tail this many times the median would crush the typical escalations into the bottom of a linear axis; a log
    /// axis then shows both.
    /// </summary>
    private const double LogAxisSpan = 20;

    /// <summary>The escalations due in [<see cref="StartS"/>, <see cref="StartS"/> + the bin width) after the first deadline.</summary>
    public sealed record Bin(int StartS, int Count, double P50Ms, double P99Ms, double MaxMs);

    /// <summary>The larger of a second and a <see cref="MaxBins"/>th of the window, in whole seconds so the axis reads plainly.</summary>
    public static int BinSeconds(TimeSpan window) => Math.Max(1, (int)Math.Ceiling(window.TotalSeconds / MaxBins));

    /// <summary>
    /// The bins that hold an escalation, in time order. The window runs from <paramref name="firstDue"/> to the last
    /// deadline, which closes the last bin instead of opening one of its own: a window of exactly k bin widths has k bins.
    /// </summary>
    public static (int BinSeconds, IReadOnlyList<Bin> Bins) Bins(IReadOnlyList<(DateTimeOffset Due, double LatenessMs)> delivered, DateTimeOffset firstDue)
    {
        var window = delivered.Count == 0 ? TimeSpan.Zero : delivered.Max(d => d.Due) - firstDue;
        var width = BinSeconds(window);
        var last = Math.Max(0, (int)Math.Ceiling(window.TotalSeconds / width) - 1);
        var bins = delivered
            .GroupBy(d => Math.Clamp((int)Math.Floor((d.Due - firstDue).TotalSeconds / width), 0, last))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var sorted = Stats.Sorted(g.Select(d => d.LatenessMs));
                return new Bin(g.Key * width, sorted.Length, Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 99), sorted[^1]);
            })
            .ToArray();
        return (width, bins);
    }

    public static PlotModel Build(string storage, int n, IReadOnlyList<(DateTimeOffset Due, double LatenessMs)> delivered, DateTimeOffset firstDue)
    {
        var sorted = Stats.Sorted(delivered.Select(d => d.LatenessMs));
        var (p50, p99, max) = (Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 99), sorted.Length == 0 ? double.NaN : sorted[^1]);
        var (width, bins) = Bins(delivered, firstDue);
        var log = UseLogAxis(sorted);
        // The p50 is the lowest of a bin's three.
        var floored = log && bins.Any(b => b.P50Ms < FloorMs);
        double Y(double ms) => log ? Math.Max(FloorMs, ms) : ms;

        var model = SvgPlot.Model(
            $"Escalation lateness on {storage}: n={n}, p50 {Stats.F0(p50)} ms, p99 {Stats.F0(p99)} ms, max {Stats.F0(max)} ms; {width}-s bins",
            $"deliveredAt − deadline of the escalations due in each {width} s ({delivered.Count} with deliveredAt; a bin of under 100 has p99 = max" +
            (floored ? $"; under {FloorMs:0} ms drawn at {FloorMs:0} ms)" : ")"));
        model.Axes.Add(SvgPlot.Axis(AxisPosition.Bottom, "deadline, after the first deadline of the window", "s", minimum: 0));
        model.Axes.Add(log
            ? SvgPlot.Styled(new LogarithmicAxis { Minimum = FloorMs * 0.8 }, AxisPosition.Left, "lateness, log scale", "ms")
            : SvgPlot.Axis(AxisPosition.Left, "lateness", "ms", minimum: Math.Min(0, bins.Select(b => b.P50Ms).DefaultIfEmpty(0).Min())));

        // Nearest rank puts a bin's p99 at its max while the bin holds under 100 (every 5-s bin at n=10,000 over 600 s):
        // the max is drawn thin and dark over a thick p99, so that both still show where they meet.
        var lines = new (string Title, double Thickness, OxyColor Color, Func<Bin, double> Of)[]
        {
            ("p50", 1.5, OxyColors.Automatic, b => b.P50Ms), ("p99", 3, OxyColors.Automatic, b => b.P99Ms), ("max", 1, OxyColor.FromRgb(0x33, 0x33, 0x33), b => b.MaxMs),
        };
        foreach (var (title, thickness, color, of) in lines)
        {
            // Each bin's figure at its middle; a marker only when there is one bin, which a line alone would not draw.
            var line = new LineSeries
            {
                Title = title, StrokeThickness = thickness, Color = color, MarkerType = bins.Count == 1 ? MarkerType.Circle : MarkerType.None,
            };
            line.Points.AddRange(bins.Select(b => new DataPoint(b.StartS + width / 2.0, Y(of(b)))));
            model.Series.Add(line);
        }

        if (sorted.Length > 0)
        {
            model.Annotations.Add(new LineAnnotation
            {
                Type = LineAnnotationType.Horizontal, Y = Y(p99), Color = OxyColors.Firebrick,
                LineStyle = LineStyle.Dash, StrokeThickness = 1.5, Text = $"p99 {Stats.F0(p99)} ms",
            });
        }

        return model;
    }

    public static bool UseLogAxis(IReadOnlyList<double> sorted) =>
        sorted.Count > 0 && sorted[^1] / Math.Max(FloorMs, Stats.Percentile(sorted, 50)) >= LogAxisSpan;
}
