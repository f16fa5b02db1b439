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

        Assert.Equal(
            """
            【SLA 日报 2026-03-10】 Pudong (SH-PD)
            未结投诉 5 件：正常 3，临近 1，超时 1，暂停 0
            过去24小时：超时 1，升级 2
            最超时：
            - K-OLD 客户 C000001，负责人 E1，超时 2d 3h
            """.ReplaceLineEndings("\n"), text.Chinese.ReplaceLineEndings("\n"));
        Assert.Equal(
            """
            SLA digest 2026-03-10: Pudong (SH-PD)
            Open: 5 — on track 3, at risk 1, breached 1, paused 0
            Last 24 h: breaches 1, escalations 2
            Most overdue:
            - K-OLD client C000001, assignee E1, overdue 2d 3h
            """.ReplaceLineEndings("\n"), text.English.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Build_MostOverdue_KeepsTheQueryOrderAndAtMostFive()
    {
        var rows = Enumerable.Range(1, 7).Select(i => Row($"K{i}", $"C{i}", null, Now.AddHours(-10 + i))).ToArray();
        var summary = new BranchSlaSummary(Branch.BranchId, 0, 0, 7, 0, 7, 0, rows);

        var text = SlaDigest.Build(Branch, summary, new DateOnly(2026, 3, 10), Now);

        var listed = text.English.Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["K1", "K2", "K3", "K4", "K5"], listed.Select(line => line.Split(' ')[1]));
        Assert.Contains("assignee -, overdue 9h 0m", listed[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NothingOverdue_SaysSo()
    {
        var text = SlaDigest.Build(Branch, new BranchSlaSummary(Branch.BranchId, 2, 0, 0, 1, 0, 0, []), new DateOnly(2026, 3, 10), Now);

        Assert.Contains("Nothing overdue", text.English, StringComparison.Ordinal);
        Assert.Contains("Open: 3", text.English, StringComparison.Ordinal);
        Assert.EndsWith("无超时投诉。", text.Chinese, StringComparison.Ordinal);
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
