using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Tests;

/// <summary>Three runs of a ratio scenario: the median run stands for them, each ratio's spread is shown.</summary>
public sealed class RepeatedRunsTests
{
    [Fact]
    public void Of_ThreeRuns_PicksTheMedianRatioAndGivesEachRatiosSpread()
    {
        string?[] lines =
        [
            ReportRenderTests.ThroughputLine(0.93, ofLimit: 0.75),
            ReportRenderTests.ThroughputLine(0.70, ofLimit: 0.85),
            ReportRenderTests.ThroughputLine(0.88, ofLimit: 0.80),
        ];

        var result = RepeatedRuns.Of(lines);

        Assert.Equal(2, result.Median);
        Assert.Equal("3 runs: ratio min 0.70 / median 0.88 / max 0.93; of_limit min 0.75 / median 0.80 / max 0.85", result.Spread);
    }

    [Fact]
    public void Of_OneRunFailed_MedianOfTheOthersTheLowerOne()
    {
        string?[] lines = [ReportRenderTests.ThroughputLine(0.90, 0.9), null, ReportRenderTests.ThroughputLine(0.60, 0.8)];

        var result = RepeatedRuns.Of(lines);

        // Of two, the lower: a target is a floor.
        Assert.Equal(2, result.Median);
        Assert.EndsWith("1 of 3 without a ratio (failed or not available)", result.Spread, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_OnlyTheRatioKey_SpreadsThatAlone()
    {
        string?[] lines =
        [
            "audit-overhead: storage=postgres with_ops_s=90 without_ops_s=100 ratio=0.90",
            "audit-overhead: storage=postgres with_ops_s=95 without_ops_s=100 ratio=0.95",
            "audit-overhead: storage=postgres with_ops_s=80 without_ops_s=100 ratio=0.80",
        ];

        var result = RepeatedRuns.Of(lines);

        Assert.Equal(0, result.Median);
        Assert.Equal("3 runs: ratio min 0.80 / median 0.90 / max 0.95", result.Spread);
    }

    [Fact]
    public void Of_NoRunMeasured_NoMedian()
    {
        Assert.Null(RepeatedRuns.Of([null, "audit-overhead: status=not-available reason=x"]).Median);
    }
}
