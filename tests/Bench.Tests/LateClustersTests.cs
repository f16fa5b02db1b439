using WealthActors.Bench.Scenarios;

namespace WealthActors.Bench.Tests;

/// <summary>Where in the window the late escalations fell.</summary>
public sealed class LateClustersTests
{
    private static readonly DateTimeOffset First = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LateClusters_CountsOnlyTheLateOnesPerTenSecondsOfDeadlines()
    {
        var deliveries = new[]
        {
            (First.AddSeconds(3), 400.0), (First.AddSeconds(9), 260.0), (First.AddSeconds(12), 100.0),
            (First.AddSeconds(305), 900.0), (First.AddSeconds(301), 251.0), (First.AddSeconds(309), 1_200.0),
        };

        Assert.Equal("+0s: 2, +300s: 3", EscalationLateness.LateClusters(EscalationLateness.LateBins(deliveries, First)));
    }

    [Fact]
    public void LateClusters_NothingLate_SaysNone()
    {
        Assert.Equal("none", EscalationLateness.LateClusters(EscalationLateness.LateBins([(First, 10.0), (First.AddSeconds(1), 250.0)], First)));
    }

    [Fact]
    public void LateClusters_ManyBins_KeepsTheBusiestInTimeOrder()
    {
        // Bin k (k = 0..19) holds k + 1 late deliveries: the busiest twelve are bins 8..19.
        var deliveries = Enumerable.Range(0, 20)
            .SelectMany(bin => Enumerable.Repeat((First.AddSeconds(bin * 10 + 1), 500.0), bin + 1))
            .ToArray();

        var text = EscalationLateness.LateClusters(EscalationLateness.LateBins(deliveries, First));

        Assert.StartsWith("+80s: 9, +90s: 10, ", text, StringComparison.Ordinal);
        Assert.EndsWith("+190s: 20", text, StringComparison.Ordinal);
        Assert.Equal(12, text.Split(", ").Length);
    }

    [Fact]
    public void DeadlineDensity_ClumpedDeadlines_ShowAPeakFarAboveTheMean()
    {
        // 100 deadlines in the first second of ten, one in the last: the mean hides the clump, the peak shows it.
        var dues = Enumerable.Range(0, 100).Select(i => First.AddMilliseconds(i * 5)).Append(First.AddSeconds(9.5));

        Assert.Equal("mean 10, p99 100, max 100 over 10 s", EscalationLateness.DeadlineDensity(dues));
    }

    [Fact]
    public void DeadlineDensity_EvenDeadlines_PeakEqualsMean()
    {
        var dues = Enumerable.Range(0, 50).Select(i => First.AddMilliseconds(i * 200));

        Assert.Equal("mean 5, p99 5, max 5 over 10 s", EscalationLateness.DeadlineDensity(dues));
    }
}
