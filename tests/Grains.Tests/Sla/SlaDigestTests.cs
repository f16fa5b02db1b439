using WealthActors.Grains.Sla;
using WealthActors.ReadModel;
using static WealthActors.Grains.Tests.Sla.SlaTesting;

namespace WealthActors.Grains.Tests.Sla;

public sealed class SlaDigestTests
{
    private static readonly DateTimeOffset Now = Cst(2026, 3, 10, 9);

    private static readonly BranchRow Branch = new("SH-PD", "Pudong", "E3", "R-EAST", null, Now);

    private static ComplaintRow Row(string id, string client, string? assignee, DateTimeOffset? breachedAt) => new(
        id, client, Branch.BranchId, assignee, ComplaintStatus.Open, SlaState.Breached, Severity.High, "fees", 1,
        Now.AddDays(-5), null, null, Now, "cn-mainland", breachedAt, null);

    [Fact]
    public void Build_OnTrackAtRiskAndBreached_ShowsCountsAndTheBreachedItem()
    {
        var summary = new BranchSlaSummary(Branch.BranchId, OnTrack: 3, AtRisk: 1, Breached: 1, Paused: 0, BreachedSince: 1, EscalatedSince: 2,
            MostOverdue: [Row("K-OLD", "C000001", "E1", Now.AddDays(-2).AddHours(-3))]);

        var text = SlaDigest.Build(Branch, summary, new DateOnly(2026, 3, 10), Now);

        Assert.Contains("SLA digest 2026-03-10", text, StringComparison.Ordinal);
        Assert.Contains("Pudong (SH-PD)", text, StringComparison.Ordinal);
        Assert.Contains("Open: 5", text, StringComparison.Ordinal);
        Assert.Contains("OnTrack 3, 临近 AtRisk 1, 超时 Breached 1, 暂停 Paused 0", text, StringComparison.Ordinal);
        Assert.Contains("breaches 1, 升级 escalations 2", text, StringComparison.Ordinal);
        Assert.Contains("- K-OLD 客户 client C000001, 负责人 assignee E1, 超时 overdue 2d 3h", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MostOverdue_KeepsTheQueryOrderAndAtMostFive()
    {
        var rows = Enumerable.Range(1, 7).Select(i => Row($"K{i}", $"C{i}", null, Now.AddHours(-10 + i))).ToArray();
        var summary = new BranchSlaSummary(Branch.BranchId, 0, 0, 7, 0, 7, 0, rows);

        var text = SlaDigest.Build(Branch, summary, new DateOnly(2026, 3, 10), Now);

        var listed = text.Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["K1", "K2", "K3", "K4", "K5"], listed.Select(line => line.Split(' ')[1]));
        Assert.Contains("assignee -, 超时 overdue 9h 0m", listed[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NothingOverdue_SaysSo()
    {
        var text = SlaDigest.Build(Branch, new BranchSlaSummary(Branch.BranchId, 2, 0, 0, 1, 0, 0, []), new DateOnly(2026, 3, 10), Now);

        Assert.Contains("Nothing overdue", text, StringComparison.Ordinal);
        Assert.Contains("Open: 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_BranchAndLocalDate_IsStable() =>
        Assert.Equal("sla-digest:SH-PD:2026-03-10", SlaDigest.Key("SH-PD", new DateOnly(2026, 3, 10)));

    [Theory]
    [InlineData(0, "0m")]
    [InlineData(59, "59m")]
    [InlineData(61, "1h 1m")]
    [InlineData(60 * 49, "2d 1h")]
    [InlineData(-5, "0m")]
    public void Overdue_Minutes_ReadsAsDaysHoursOrMinutes(int minutes, string expected) =>
        Assert.Equal(expected, SlaDigest.Overdue(TimeSpan.FromMinutes(minutes)));
}
