using WealthActors.Clients;
using WealthActors.Grains.Notifications;
using WealthActors.Notifications;
using WealthActors.Sla;

namespace WealthActors.Grains.Tests.Notifications;

public sealed class ClientUpdateRoutingTests
{
    private static readonly ClientProfile Profile = new("周杰", null, "13912345678", null, "B1", "E1", false, null, null, [], "wmAbC", ["sms", "wecom"]);

    [Fact]
    public void Plan_BothConsentedAndReachable_WeComFirstThenSms()
    {
        var (channels, whyNone) = ClientUpdateRouting.Plan(Profile, "chen", _ => true);

        Assert.Equal([ClientUpdateChannels.WeCom, ClientUpdateChannels.Sms], channels);
        Assert.Null(whyNone);
    }

    [Fact]
    public void Plan_OnlyConsentedChannelsWithTheirContactAndConfigured()
    {
        Assert.Equal([ClientUpdateChannels.Sms], ClientUpdateRouting.Plan(Profile, advisorWeComUserId: null, _ => true).Channels);
        Assert.Equal([ClientUpdateChannels.WeCom], ClientUpdateRouting.Plan(Profile with { UpdateConsent = ["wecom"] }, "chen", _ => true).Channels);
        Assert.Equal([ClientUpdateChannels.Sms], ClientUpdateRouting.Plan(Profile, "chen", c => c == ClientUpdateChannels.Sms).Channels);
    }

    [Fact]
    public void Plan_NoConsentOrNoContact_SaysWhy()
    {
        var (none, noConsent) = ClientUpdateRouting.Plan(Profile with { UpdateConsent = null }, "chen", _ => true);
        var (missing, noContact) = ClientUpdateRouting.Plan(Profile with { Phone = null, WeComExternalUserId = null }, "chen", _ => true);

        Assert.Empty(none);
        Assert.Contains("not consented", noConsent, StringComparison.Ordinal);
        Assert.Empty(missing);
        Assert.Contains("sms: no phone number", noContact, StringComparison.Ordinal);
        Assert.Contains("wecom: no external contact id", noContact, StringComparison.Ordinal);
    }

    [Fact]
    public void Texts_NameTheCaseAndTheNewDeadlineInChinaTime_NeverTheDescription()
    {
        var due = new DateTimeOffset(2026, 3, 31, 20, 0, 0, TimeSpan.Zero);

        var extended = ClientUpdateTexts.For(ClientUpdateKind.DeadlineExtended, CaseKind.Complaint, "CMP-1", due);

        Assert.Contains("CMP-1", extended, StringComparison.Ordinal);
        Assert.Contains("2026-04-01", extended, StringComparison.Ordinal);
        Assert.Contains("已受理", ClientUpdateTexts.For(ClientUpdateKind.Acknowledged, CaseKind.Complaint, "CMP-1", null), StringComparison.Ordinal);
        Assert.Contains("resolved", ClientUpdateTexts.For(ClientUpdateKind.Resolved, CaseKind.Complaint, "CMP-1", null), StringComparison.Ordinal);
    }

    [Fact]
    public void AServiceRequestsTexts_NameTheRequest_AndItHasNoDeadlineToExtend()
    {
        var taken = ClientUpdateTexts.For(ClientUpdateKind.Acknowledged, CaseKind.ServiceRequest, "SR-1", null);
        var done = ClientUpdateTexts.For(ClientUpdateKind.Resolved, CaseKind.ServiceRequest, "SR-1", null);

        Assert.StartsWith("您的服务申请（编号 SR-1）已受理", taken, StringComparison.Ordinal);
        Assert.EndsWith("Your request SR-1 has been completed.", done, StringComparison.Ordinal);
        Assert.DoesNotContain("投诉", taken + done, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClientUpdateTexts.For(ClientUpdateKind.DeadlineExtended, CaseKind.ServiceRequest, "SR-1", null));
    }
}
