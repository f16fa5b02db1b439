using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.Notifications;
using WealthActors.Grains.Tests.Infrastructure;
using WealthActors.Notifications;
using WealthActors.ServiceRequests;

namespace WealthActors.Grains.Tests.Notifications;

/// <summary>
/// One progress update, one message: a channel whose answer was lost is asked again with the same key, never another
/// channel besides it; a channel that refused is not asked again; and an update cut off mid-call goes on where it was.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientUpdateGrainTests(ClusterFixture fixture)
{
    private static readonly Func<ChannelAnswer> Failed = () => new ChannelAnswer(ChannelVerdict.Failed, "HTTP 503");
    private static readonly Func<ChannelAnswer> Refused = () => new ChannelAnswer(ChannelVerdict.Refused, "not the advisor's contact");
    private static readonly Func<ChannelAnswer> Dies = () => throw new IOException("the process died during the call");

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task ALostAnswer_IsAskedAgainOnTheSameChannel_WithTheSameKey_NotSentBySmsToo()
    {
        var (contact, update) = await Consenting();
        fixture.ClientChannels.Script(contact, ClientUpdateChannels.WeCom, Failed);

        await Grain(update).Submit(update);
        await Eventually.Until(() => Task.FromResult(fixture.ClientChannels.CallsOf(contact)), calls => calls.Length == 1, "the first hand-over");
        await fixture.Advance(TimeSpan.FromSeconds(2));
        var outcome = await Outcome(update);

        Assert.Equal((ClientUpdateStatus.Sent, "wecom", 2), (outcome.Status, outcome.Channel, outcome.Attempts));
        Assert.Equal([("wecom", update.Key), ("wecom", update.Key)], fixture.ClientChannels.CallsOf(contact));
        await Told(update, "told the client by wecom");
    }

    [Fact]
    public async Task CutOffMidCall_ItGoesOnWhereItWas_AndARefusingChannelIsNotAskedAgain()
    {
        var (contact, update) = await Consenting();
        fixture.ClientChannels.Script(contact, ClientUpdateChannels.WeCom, Refused);
        fixture.ClientChannels.Script(contact, ClientUpdateChannels.Sms, Dies);

        await Grain(update).Submit(update);
        await Eventually.Until(() => Task.FromResult(fixture.ClientChannels.CallsOf(contact)), calls => calls.Length == 2, "WeCom's refusal and the SMS call");
        // What was stored before the SMS call is all a restart finds.
        await fixture.Cluster.DeactivateAsync(Grain(update));
        await Grain(update).GetOutcome();
        await fixture.Advance(TimeSpan.FromSeconds(5));
        var outcome = await Outcome(update);

        Assert.Equal((ClientUpdateStatus.Sent, "sms"), (outcome.Status, outcome.Channel));
        Assert.Equal([("wecom", update.Key), ("sms", update.Key), ("sms", update.Key)], fixture.ClientChannels.CallsOf(contact));
        await Told(update, "told the client by sms");
    }

    [Fact]
    public async Task AnUpdateOwedAfterAnother_WaitsUntilThatOneIsSettled_SoTheClientHearsThemInOrder()
    {
        var (contact, first) = await Consenting();
        var second = first with { Key = first.Key + ":then", Kind = ClientUpdateKind.Resolved, Text = "您的投诉已处理完毕。Resolved.", After = first.Key };
        fixture.ClientChannels.Script(contact, ClientUpdateChannels.WeCom, Failed);

        await Grain(first).Submit(first);
        await Eventually.Until(() => Task.FromResult(fixture.ClientChannels.CallsOf(contact)), calls => calls.Length == 1, "the first update's failed hand-over");
        await Grain(second).Submit(second);
        Assert.False(await Grain(second).IsSettled());
        // The first is asked again after 2 s; the second goes only after it, on its own next look.
        for (var i = 0; i < 20 && await Grain(second).GetOutcome() is null; i++)
        {
            await fixture.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(ClientUpdateStatus.Sent, (await Outcome(second)).Status);
        Assert.Equal([("wecom", first.Key), ("wecom", first.Key), ("wecom", second.Key)], fixture.ClientChannels.CallsOf(contact));
        Assert.True(await Grain(first).IsSettled());
    }

    [Fact]
    public async Task AChannelGivenUpAfterItsRetries_LeavesTheUpdateToTheNext()
    {
        var (contact, update) = await Consenting();
        fixture.ClientChannels.Script(contact, ClientUpdateChannels.WeCom, Failed, Failed, Failed, Failed, Failed);

        await Grain(update).Submit(update);
        for (var calls = 1; calls <= ClientUpdateGrain.MaxAttempts; calls++)
        {
            await Eventually.Until(() => Task.FromResult(fixture.ClientChannels.CallsOf(contact)), c => c.Length >= calls, $"hand-over {calls}");
            await fixture.Advance(TimeSpan.FromSeconds(16));
        }

        var outcome = await Outcome(update);
        Assert.Equal((ClientUpdateStatus.Sent, "sms"), (outcome.Status, outcome.Channel));
        Assert.Equal([.. Enumerable.Repeat("wecom", ClientUpdateGrain.MaxAttempts), "sms"], fixture.ClientChannels.CallsOf(contact).Select(c => c.Channel));
    }

    [Fact]
    public async Task AServiceRequest_TellsItsClientOnceWhenTakenUpAndOnceWhenDone_AndKeepsWhatBecameOfEach()
    {
        var (org, contact) = await ConsentingClient();
        var requestId = $"SR-{Guid.NewGuid():N}"[..24];
        var request = Grains.GetGrain<IServiceRequestGrain>(requestId);
        var advisor = Actor.Employee(org.Advisor, "tests");
        await request.Open(new OpenServiceRequest(org.VipClient, ServiceRequestTypes.DocumentRequest, "2026 statement"), advisor);

        await request.Acknowledge(advisor, "on it");
        await request.AddNote(advisor, "statement requested from operations");
        await Eventually.Until(() => Task.FromResult(fixture.ClientChannels.CallsOf(contact)), calls => calls.Length == 1, "the acknowledgement");
        await request.Resolve(advisor, "statement sent");

        var timeline = await Eventually.Until(
            async () => (await request.GetView()).Timeline,
            t => t.Count(e => e.Kind == "ClientUpdate") == 2, "both outcomes on the request's timeline");
        var calls = fixture.ClientChannels.CallsOf(contact);
        Assert.Equal(2, calls.Length);
        Assert.StartsWith($"{requestId}:Acknowledged:", calls[0].Key, StringComparison.Ordinal);
        Assert.StartsWith($"{requestId}:Resolved:", calls[1].Key, StringComparison.Ordinal);
        Assert.All(calls, call => Assert.Equal("wecom", call.Channel));
        Assert.All(timeline.Where(e => e.Kind == "ClientUpdate"), e => Assert.Contains("told the client by wecom", e.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AClientWhoConsentedToNothing_IsOwedNothing_SoNoUpdateIsMadeOrRecorded()
    {
        var org = await TestOrg.Create(Grains);
        var complaintId = $"CMP-{Guid.NewGuid():N}"[..24];
        await org.OpenVipComplaint(Grains, complaintId);
        var complaint = Grains.GetGrain<IComplaintGrain>(complaintId);
        var advisor = Actor.Employee(org.Advisor, "tests");

        await complaint.Acknowledge(advisor, "on it");
        await complaint.Resolve(advisor, "fee refunded");

        var timeline = (await complaint.GetView()).Timeline;
        Assert.DoesNotContain(timeline, e => e.Kind == "ClientUpdate");
        // No update grain holds anything under any key the two changes could have used (numbered by the timeline).
        foreach (var kind in new[] { ClientUpdateKind.Acknowledged, ClientUpdateKind.Resolved })
        {
            for (var n = 0; n <= timeline.Count; n++)
            {
                Assert.Null(await Grains.GetGrain<IClientUpdateGrain>($"{complaintId}:{kind}:{n}").GetOutcome());
            }
        }
    }

    /// <summary>A client who consented to WeCom and SMS, with both contacts, and an open complaint's update for them.</summary>
    private async Task<(string Contact, ClientUpdateRequest Update)> Consenting()
    {
        var (org, contact) = await ConsentingClient();
        var complaintId = $"CMP-{Guid.NewGuid():N}"[..24];
        await org.OpenVipComplaint(Grains, complaintId);
        var update = new ClientUpdateRequest($"{complaintId}:Acknowledged:9", complaintId, org.VipClient, ClientUpdateKind.Acknowledged,
            "您的投诉已受理。Your complaint has been received.", fixture.Clock.GetUtcNow());
        return (contact, update);
    }

    /// <summary>The VIP client of a new org, who consented to WeCom and SMS and has both contacts.</summary>
    private async Task<(TestOrg Org, string Contact)> ConsentingClient()
    {
        var org = await TestOrg.Create(Grains);
        var contact = $"wm{Guid.NewGuid():N}";
        await Grains.GetGrain<IEmployeeGrain>(org.Advisor).Upsert(
            new EmployeeProfile(org.Advisor, EmployeeRole.Advisor, org.Branch, org.TeamLead, $"{org.Advisor}-wecom", null), TestOrg.System);
        var client = Grains.GetGrain<IClientGrain>(org.VipClient);
        var profile = (await client.GetView()).Profile;
        await client.Upsert(profile with { WeComExternalUserId = contact, UpdateConsent = [ClientUpdateChannels.WeCom, ClientUpdateChannels.Sms] }, TestOrg.System);
        return (org, contact);
    }

    private IClientUpdateGrain Grain(ClientUpdateRequest update) => Grains.GetGrain<IClientUpdateGrain>(update.Key);

    private async Task<ClientUpdateOutcome> Outcome(ClientUpdateRequest update) =>
        (await Eventually.Until(() => Grain(update).GetOutcome(), o => o is not null, "the outcome"))!;

    private async Task Told(ClientUpdateRequest update, string words)
    {
        var timeline = await Eventually.Until(
            async () => (await Grains.GetGrain<IComplaintGrain>(update.CaseId).GetView()).Timeline,
            t => t.Any(e => e.Kind == "ClientUpdate"), "the outcome on the complaint's timeline");
        Assert.Contains(words, Assert.Single(timeline, e => e.Kind == "ClientUpdate").Text, StringComparison.Ordinal);
    }
}
