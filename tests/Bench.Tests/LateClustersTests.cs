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

        Assert.Equal("+0s: 2, +300s: 3", EscalationLateness.LateClusters(deliveries, First));
    }

    [Fact]
    public void LateClusters_NothingLate_SaysNone()
    {
        Assert.Equal("none", EscalationLateness.LateClusters([(First, 10.0), (First.AddSeconds(1), 250.0)], First));
    }

    [Fact]
    public void LateClusters_ManyBins_KeepsTheBusiestInTimeOrder()
    {
        // Bin k (k = 0..19) holds k + 1 late deliveries: the busiest twelve are bins 8..19.
        var deliveries = Enumerable.Range(0, 20)
            .SelectMany(bin => Enumerable.Repeat((First.AddSeconds(bin * 10 + 1), 500.0), bin + 1))
            .ToArray();

        var text = EscalationLateness.LateClusters(deliveries, First);

        Assert.StartsWith("+80s: 9, +90s: 10, ", text, StringComparison.Ordinal);
        Assert.EndsWith("+190s: 20", text, StringComparison.Ordinal);
        Assert.Equal(12, text.Split(", ").Length);
    }
}
