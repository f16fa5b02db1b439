using WealthActors.Bench.Infrastructure;
using WealthActors.Bench.Scenarios;

namespace WealthActors.Bench.Tests;

/// <summary>The charts drawn from made-up measurements: every measurement is on them, at the report's one size.</summary>
public sealed class PlotTests : IDisposable
{
    private static readonly DateTimeOffset First = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();

    [Fact]
    public void LatenessPlot_OneDotPerEscalationAndTheP99AsALine()
    {
        // A long tail over a few milliseconds' body, some of them on time to the millisecond.
        var random = new Random(7);
        var delivered = Enumerable.Range(0, 300)
            .Select(i => (First.AddSeconds(i * 0.2), i % 50 == 0 ? 2_000 + random.NextDouble() * 3_000 : random.NextDouble() * 20))
            .ToArray();

        var chart = SvgChart.Load(SvgPlot.Write(LatenessPlot.Build("sqlite", delivered.Length, delivered, First), _folder.FullPath, "lateness.svg"));

        Assert.Equal((SvgPlot.Width, SvgPlot.Height), chart.Size);
        Assert.Equal(delivered.Length, chart.Dots);
        var p99 = Stats.Percentile(Stats.Sorted(delivered.Select(d => d.Item2)), 99);
        Assert.Contains($"p99 {Stats.F0(p99)} ms", chart.Text, StringComparison.Ordinal);
        Assert.Contains($"n={delivered.Length}", chart.Text, StringComparison.Ordinal);
        Assert.Contains("lateness, log scale (ms)", chart.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void LatenessPlot_NoLongTail_StaysLinear()
    {
        var delivered = Enumerable.Range(0, 50).Select(i => (First.AddSeconds(i), 10.0 + i % 7)).ToArray();

        Assert.False(LatenessPlot.UseLogAxis(Stats.Sorted(delivered.Select(d => d.Item2))));
        var chart = SvgChart.Load(SvgPlot.Write(LatenessPlot.Build("postgres", 50, delivered, First), _folder.FullPath, "linear.svg"));
        Assert.Equal(50, chart.Dots);
        Assert.Contains("lateness (ms)", chart.Text, StringComparison.Ordinal);
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
