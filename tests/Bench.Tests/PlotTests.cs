using OxyPlot.Axes;
using WealthActors.Bench.Infrastructure;
using WealthActors.Bench.Scenarios;
using Xunit.Abstractions;

namespace WealthActors.Bench.Tests;

/// <summary>The charts drawn from made-up measurements, at the report's one size, read back and checked against them.</summary>
public sealed class PlotTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset First = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();

    [Fact]
    public void LatenessBins_AWindowOfExactlyKWidths_HasKBinsAndSkipsTheEmptyOnes()
    {
        Assert.Equal(new[] { 1, 1, 1, 2, 5, 6 }, new[] { 0, 100, 120, 121, 600, 601 }.Select(s => LatenessPlot.BinSeconds(TimeSpan.FromSeconds(s))));
        // A 600-s window: 5-s bins. The escalation due at 600 s closes the last bin, [595, 600], instead of opening one.
        // Under 100 in a bin, the nearest-rank p99 is the max; the 200 in [10, 15) have a p99 of their own.
        var delivered = new (double DueS, double LatenessMs)[] { (0, 30), (0.5, 10), (4.9, 20), (5, 7), (6, 9), (7, 5), (8, 8), (9.9, 6), (14, 250), (597, 1), (600, 400) }
            .Concat(Enumerable.Repeat((DueS: 12.0, LatenessMs: 3.0), 199))
            .Select(d => (First.AddSeconds(d.DueS), d.LatenessMs)).ToArray();

        var (width, bins) = LatenessPlot.Bins(delivered, First);

        Assert.Equal(5, width);
        LatenessPlot.Bin[] expected = [new(0, 3, 20, 30, 30), new(5, 5, 7, 9, 9), new(10, 200, 3, 3, 250), new(595, 2, 1, 400, 400)];
        Assert.Equal(expected, bins);
    }

    [Fact]
    public void LatenessPlot_ThreeLinesOfAPointPerNonEmptyBin_TheMaxReachingTheLatest()
    {
        // 10,000 deadlines over ten minutes: none from 200 to 240 s, and 150 in a burst 400 s in, which puts over 100 in
        // that bin, so that its p99 is not its max. A long tail over a few milliseconds' body, some on time to the
        // millisecond, and the burst's last escalation a minute late.
        var random = new Random(7);
        var delivered = Enumerable.Range(0, 10_000)
            .Select(i => i < 9_850 ? i * 0.0568 + (i * 0.0568 < 200 ? 0 : 40) : 400 + (i - 9_850) * 0.03)
            .Select((s, i) => (Due: First.AddSeconds(s), LatenessMs: i == 9_999 ? 60_000 : i % 50 == 0 ? 2_000 + random.NextDouble() * 3_000 : random.NextDouble() * 20))
            .ToArray();

        var model = LatenessPlot.Build("sqlite", delivered.Length, delivered, First);
        var path = SvgPlot.Write(model, _folder.FullPath, "lateness.svg");
        var chart = SvgChart.Load(path);

        Assert.Equal((SvgPlot.Width, SvgPlot.Height), chart.Size);
        var bins = NonEmptyBins(delivered);
        // 120 bins of 5 s, 8 of them in the gap.
        Assert.Equal(112, bins);
        foreach (var line in new[] { "p50", "p99", "max" })
        {
            Assert.Equal(bins, chart.Series(line).Count);
        }

        // Read back in seconds and milliseconds through the axes the export laid out: the max line peaks at the late one,
        // in the middle of the burst's bin, where the p99 line stays at that bin's p99.
        var (seconds, ms) = (model.Axes.Single(a => a.Position == AxisPosition.Bottom), model.Axes.Single(a => a.Position == AxisPosition.Left));
        var (x, y) = chart.Series("max").MinBy(p => p.Y);
        Assert.Equal(60_000, ms.InverseTransform(y), 60_000 * 1e-4);
        Assert.Equal(402.5, seconds.InverseTransform(x), 0.01);
        var burstP99 = Stats.Percentile(Stats.Sorted(delivered.Where(d => (d.Due - First).TotalSeconds is >= 400 and < 405).Select(d => d.LatenessMs)), 99);
        Assert.InRange(burstP99, 2_000, 5_000);
        Assert.Equal(burstP99, ms.InverseTransform(chart.Series("p99").Single(p => Math.Abs(p.X - x) < 0.01).Y), burstP99 * 1e-4);
        var sorted = Stats.Sorted(delivered.Select(d => d.LatenessMs));
        Assert.Contains($"n={delivered.Length}, p50 {Stats.F0(Stats.Percentile(sorted, 50))} ms, p99 {Stats.F0(Stats.Percentile(sorted, 99))} ms, max 60000 ms; 5-s bins",
            chart.Text, StringComparison.Ordinal);
        Assert.Contains($"p99 {Stats.F0(Stats.Percentile(sorted, 99))} ms", chart.Text.Split('\n'));
        Assert.Contains("lateness, log scale (ms)", chart.Text, StringComparison.Ordinal);
        // The size follows the bins, not the escalations.
        Assert.InRange(chart.Bytes, 1, 60_000);
        output.WriteLine($"{delivered.Length} escalations: {chart.Bytes} bytes");
    }

    [Fact]
    public void LatenessPlot_NoLongTail_StaysLinear()
    {
        var delivered = Enumerable.Range(0, 50).Select(i => (First.AddSeconds(i), 10.0 + i % 7)).ToArray();

        Assert.False(LatenessPlot.UseLogAxis(Stats.Sorted(delivered.Select(d => d.Item2))));
        var model = LatenessPlot.Build("postgres", 50, delivered, First);
        var chart = SvgChart.Load(SvgPlot.Write(model, _folder.FullPath, "linear.svg"));
        // 1-s bins over 49 s: the escalation due at 49 s joins the one at 48 s.
        Assert.Equal(49, NonEmptyBins(delivered));
        Assert.All(new[] { "p50", "p99", "max" }, line => Assert.Equal(49, chart.Series(line).Count));
        Assert.Equal(16, model.Axes.Single(a => a.Position == AxisPosition.Left).InverseTransform(chart.Series("max").Min(p => p.Y)), 0.01);
        Assert.Contains("lateness (ms)", chart.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The bins the chart should draw, counted apart from the plot's code: the window from the first deadline to the
    /// last cut into at most 120 bins of whole seconds, the last deadline in the last bin.
    /// </summary>
    private static int NonEmptyBins(IEnumerable<(DateTimeOffset Due, double LatenessMs)> delivered)
    {
        var offsets = delivered.Select(d => (d.Due - First).TotalSeconds).ToArray();
        var width = Math.Max(1, Math.Ceiling(offsets.Max() / 120));
        var count = Math.Max(1, Math.Ceiling(offsets.Max() / width));
        return offsets.Select(s => Math.Min(Math.Floor(s / width), count - 1)).Distinct().Count();
    }

    [Fact]
    public void ThroughputPlot_OneLinePerPathWithAPointPerFullSecond()
    {
        MixResult Path(params long[] bySecond) =>
            new(bySecond.Sum(), 0, null, TimeSpan.FromSeconds(bySecond.Length), []) { OpsBySecond = bySecond, Duration = TimeSpan.FromSeconds(bySecond.Length - 1) };
        // The last bin holds what completed after the duration: not a full second, not drawn.
        var paths = new[] { ("grains", Path(400, 420, 410, 405, 12)), ("HTTP", Path(200, 220, 210, 190, 8)), ("raw upserts", Path(900, 950, 940, 930, 30)) };

        var chart = SvgChart.Load(SvgPlot.Write(ThroughputPlot.Build("sqlite", 64, paths), _folder.FullPath, "throughput.svg"));

        Assert.Equal(paths.Length, chart.LineLengths.Count(points => points == 4));
        Assert.DoesNotContain(chart.LineLengths, points => points > 4);
        foreach (var (name, _) in paths)
        {
            Assert.Contains(name + ": mean", chart.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Shown_InsideTheRepository_IsRelativeToItsRoot()
    {
        Assert.Equal("docs/benchmarks/a.svg", SvgPlot.Shown(Path.Combine(RepoPaths.Root, "docs", "benchmarks", "a.svg")));
        Assert.Equal(_folder.File("a.svg"), SvgPlot.Shown(_folder.File("a.svg")));
    }

    public void Dispose() => _folder.Dispose();
}
