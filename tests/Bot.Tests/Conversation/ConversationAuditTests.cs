using WealthActors.Audit;
using WealthActors.Bot.Conversation;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Complaints;

namespace WealthActors.Bot.Tests.Conversation;

/// <summary>Every chat message leaves one audit entry: the employee, the channel, the command, what it acted on and how it ended.</summary>
[Collection(BotClusterCollection.Name)]
public sealed class ConversationAuditTests(BotClusterFixture fixture)
{
    private readonly RecordingAuditTrail _audit = new();

    private ConversationEngine Engine => new(fixture.Grains, fixture.ReadModel, fixture.Clock, _audit, WealthActors.Privacy.MaskingRules.Default, fixture.ReadModel,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<ConversationEngine>.Instance);

    [Fact]
    public async Task HandleAsync_AcknowledgeByPartOfTheId_RecordsTheCaseItResolvedTo()
    {
        var org = await BotTestOrg.Create(fixture.Grains);
        var id = await org.OpenComplaint(fixture.Grains, org.VipClient, org.Advisor);
        var text = $"受理 {id[^6..].ToLowerInvariant()}";

        var reply = await Engine.HandleAsync(org.Advisor, "wecom", text);

        Assert.Equal(BotOutcome.Done, reply.Outcome);
        var record = Assert.Single(_audit.Records);
        Assert.Equal(new AuditRecord("wecom", "complaint.acknowledge", AuditOutcomes.Ok, EmployeeId: org.Advisor,
            TargetType: "complaint", TargetId: id, Digest: AuditDigests.Of(text)), record);
    }

    [Fact]
    public async Task HandleAsync_RefusedCommand_IsRecordedAsRefused()
    {
        var org = await BotTestOrg.Create(fixture.Grains);
        var id = await org.OpenComplaint(fixture.Grains, org.VipClient, org.Advisor);

        var reply = await Engine.HandleAsync(org.Compliance, "teams", $"ack {id}");

        Assert.Equal(BotOutcome.Refused, reply.Outcome);
        var record = Assert.Single(_audit.Records);
        Assert.Equal(("teams", "complaint.acknowledge", AuditOutcomes.Refused, org.Compliance, id),
            (record.Channel, record.Action, record.Outcome, record.EmployeeId, record.TargetId));
        Assert.Equal(ComplaintStatus.Open, (await fixture.Grains.GetGrain<IComplaintGrain>(id).GetView()).Status);
    }

    [Fact]
    public async Task HandleAsync_OpenComplaint_RecordsTheNewCase()
    {
        var org = await BotTestOrg.Create(fixture.Grains);

        var reply = await Engine.HandleAsync(org.Advisor, "webchat", $"投诉 {org.VipClient} 高 转账延迟");

        Assert.Equal(BotOutcome.Done, reply.Outcome);
        var record = Assert.Single(_audit.Records);
        Assert.Equal(("complaint.open", "complaint"), (record.Action, record.TargetType));
        Assert.StartsWith("CMP-", record.TargetId);
    }

    [Theory]
    [InlineData("帮助", "chat.help", AuditOutcomes.Ok)]
    [InlineData("what is this", "chat.unrecognised", AuditOutcomes.Ok)]
    [InlineData("受理 ", "complaint.acknowledge", AuditOutcomes.Refused)]
    [InlineData("my queue", "complaint.queue", AuditOutcomes.Ok)]
    public async Task HandleAsync_AnyMessage_LeavesOneEntry(string text, string action, string outcome)
    {
        var org = await BotTestOrg.Create(fixture.Grains);

        await Engine.HandleAsync(org.Advisor, "webchat", text);

        var record = Assert.Single(_audit.Records);
        Assert.Equal((action, outcome), (record.Action, record.Outcome));
    }

    [Fact]
    public async Task HandleAsync_UnregisteredEmployee_IsRecordedAsRefused()
    {
        var nobody = $"nobody-{Guid.NewGuid():N}";

        await Engine.HandleAsync(nobody, "wecom", "我的待办");

        Assert.Equal((nobody, AuditOutcomes.Refused), (_audit.Records.Single().EmployeeId, _audit.Records.Single().Outcome));
    }

    [Fact]
    public async Task HandleAsync_TrailUnavailable_DoesNotAcknowledgeTheCommand()
    {
        var org = await BotTestOrg.Create(fixture.Grains);
        var id = await org.OpenComplaint(fixture.Grains, org.VipClient, org.Advisor);
        _audit.Unavailable = true;

        var reply = await Engine.HandleAsync(org.Advisor, "wecom", $"ack {id}");

        Assert.Equal(BotOutcome.Refused, reply.Outcome);
        Assert.DoesNotContain(id, reply.Text);
        Assert.Null(reply.Badge);
    }
}
