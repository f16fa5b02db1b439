using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Tests;

/// <summary>How the report judges a summary line against its target.</summary>
public sealed class TargetsTests
{
    [Theory]
    [InlineData("p99_ms=40 open_per_s=3100 missed=0 duplicated=0", "met")]
    [InlineData("p99_ms=140 open_per_s=3100 missed=0 duplicated=0", "MISSED (p99)")]
    [InlineData("p99_ms=40 open_per_s=2400 missed=0 duplicated=0", "MISSED (opening rate)")]
    [InlineData("p99_ms=40 open_per_s=3100 missed=1 duplicated=0", "MISSED: escalations missed or duplicated")]
    public void MillionCasesOnPostgres_AreJudgedOnLatenessOpeningRateAndCompleteness(string values, string verdict)
    {
        var line = SummaryLine.Parse($"escalation-lateness: storage=postgres n=1000000 p50_ms=3 {values}");

        var (target, judged) = Targets.Judge(line);

        Assert.StartsWith("PostgreSQL n=1,000,000: p99 ≤ 100 ms", target, StringComparison.Ordinal);
        Assert.Equal(verdict, judged);
    }

    [Fact]
    public void HundredThousandCasesOnPostgres_KeepTheirOwnTarget()
    {
        var line = SummaryLine.Parse("escalation-lateness: storage=postgres n=100000 open_per_s=2453 p50_ms=3 p99_ms=13 max_ms=527 missed=0 duplicated=0");

        Assert.Equal(("PostgreSQL n=100,000: p99 ≤ 250 ms, missed = duplicated = 0", "met"), Targets.Judge(line));
    }
}
