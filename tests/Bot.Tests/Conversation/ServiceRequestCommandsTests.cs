using WealthActors.Bot.Conversation;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Employees;
using WealthActors.ServiceRequests;

namespace WealthActors.Bot.Tests.Conversation;

/// <summary>The complaint commands on a service request's id: the same checks, audited as the service-request API.</summary>
[Collection(BotClusterCollection.Name)]
public sealed class ServiceRequestCommandsTests(BotClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private Task<BotReply> Say(string employeeId, string text) => fixture.Engine.HandleAsync(employeeId, "tests", text);

    [Fact]
    public async Task Acknowledge_AndResolve_AServiceRequest_AsTheSpeaker_AuditedAsTheApi()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = ServiceRequestIds.New(fixture.Clock.GetUtcNow());
        await Grains.GetGrain<IServiceRequestGrain>(id).Open(new OpenServiceRequest(org.VipClient, ServiceRequestTypes.ContactChange, "新手机号"), BotTestOrg.System);

        var ack = await Say(org.Advisor, $"受理 {id.ToLowerInvariant()}");
        var stranger = await Say(org.OtherTeamAdvisor, $"解决 {id} 不是我的");
        var resolve = await Say(org.Advisor, $"解决 {id} 已更新");

        Assert.Equal(BotOutcome.Done, ack.Outcome);
        Assert.Equal(BotOutcome.Refused, stranger.Outcome);
        Assert.Equal(BotOutcome.Done, resolve.Outcome);
        var view = await Grains.GetGrain<IServiceRequestGrain>(id).GetView();
        Assert.Equal(ServiceRequestStatus.Resolved, view.Status);
        Assert.Equal(org.Advisor, view.Timeline.Single(e => e.Kind == "Acknowledged").By);
        Assert.Equal(["service-request.acknowledge", "service-request.resolve", "service-request.resolve"],
            fixture.Audit.Records.Where(r => r.TargetId == id).Select(r => r.Action));
        Assert.Equal(BotOutcome.Refused, (await Say(org.Advisor, $"级别 {id} 高")).Outcome);
    }

    [Fact]
    public void InboxCard_OfAServiceRequestMessage_CarriesItsCommands()
    {
        var message = new InboxMessage("SR-1:1:1:0", InboxKind.Escalation, "SR-1:1:1:0", null, "C1", "【服务请求升级 L1】…",
            DateTimeOffset.UnixEpoch, ["inbox"], ServiceRequestId: "SR-1");

        var card = InboxCards.For(message);

        Assert.Equal("服务请求升级 Escalation", card.Title);
        Assert.Equal(["受理 SR-1", "转派 SR-1", "备注 SR-1"], card.Buttons.Select(b => b.Command));
    }
}
