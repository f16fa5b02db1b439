using WealthActors.Permissions;
using WealthActors.ReadModel;
using WealthActors.Silo.WebConsole;

namespace WealthActors.Silo.Tests.Reports;

/// <summary>A report's drill-down address names exactly the filter the list page reads back, and never a scope.</summary>
public sealed class ReportLinksTests
{
    private static readonly AccessScope Mine = new(false, ["E1"], []);

    [Fact]
    public void ComplaintFilter_RoundTripsThroughTheAddress_WithTheReadersScope()
    {
        var week = new TimeRange(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 3, 16, 0, 0, 0, TimeSpan.FromHours(8)));
        var filter = new ComplaintFilter(BranchId: "B 1&2", Category: "费用", Assignee: "E9", OpenOnly: true, Opened: week, Breached: week,
            Escalated: week, FirstResponse: new MinuteRange(60, 240));

        var read = ReportLinks.ComplaintFilterOf(new Uri(new Uri("https://wa.example"), ReportLinks.Complaints(filter)), Mine);

        Assert.Equal(filter with { Scope = Mine, Order = ComplaintOrder.Newest }, read);
        Assert.DoesNotContain("scope", ReportLinks.Complaints(filter with { Scope = AccessScope.All }), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ClientFilter_RoundTripsThroughTheAddress_AndIgnoresWhatDoesNotParse()
    {
        var filter = new ClientFilter(Tier: ClientTier.UltraHighNetWorth, AdvisorId: "E1", InactiveSince: new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero),
            MaturingFrom: new DateOnly(2026, 3, 11), MaturingTo: new DateOnly(2026, 4, 10));

        Assert.Equal(filter with { Scope = Mine }, ReportLinks.ClientFilterOf(new Uri(new Uri("https://wa.example"), ReportLinks.Clients(filter)), Mine));
        Assert.Equal(new ClientFilter(Scope: Mine), ReportLinks.ClientFilterOf(new Uri("https://wa.example/console/clients?tier=7&inactiveSince=yesterday&maturingTo=soon"), Mine));
    }
}
