using WealthActors.Bot.Conversation;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Clients;
using WealthActors.Complaints;

namespace WealthActors.Bot.Tests.Conversation;

/// <summary>Reopen, severity, extend, progress and log from chat: the same grain commands and rules as the API.</summary>
[Collection(BotClusterCollection.Name)]
public sealed class CaseCommandsTests(BotClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private Task<BotReply> Say(string employeeId, string text) => fixture.Engine.HandleAsync(employeeId, "tests", text);

    private Task<ComplaintView> Complaint(string id) => Grains.GetGrain<IComplaintGrain>(id).GetView();

    [Fact]
    public async Task Reopen_AResolvedCase_OpensItAgain_AndAnOpenOneIsRefused()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);
        await Say(org.Advisor, $"受理 {id}");
        var early = await Say(org.Advisor, $"重开 {id} 客户仍未收到退款");
        await Say(org.Advisor, $"解决 {id} 已退款");

        var reply = await Say(org.Advisor, $"重开 {id} 客户仍未收到退款");

        Assert.Equal(BotOutcome.Refused, early.Outcome);
        Assert.Equal(BotOutcome.Done, reply.Outcome);
        var view = await Complaint(id);
        Assert.NotEqual(ComplaintStatus.Resolved, view.Status);
        Assert.Contains(view.Timeline, e => e.Kind == "Reopened" && e.By == org.Advisor && e.Text!.Contains("客户仍未收到退款", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Severity_Raised_ChangesTheCaseOnItsRecord()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor, Severity.Low);

        var reply = await Say(org.Advisor, $"级别 {id} 紧急 客户再次来电");

        var after = await Complaint(id);
        Assert.Equal(BotOutcome.Done, reply.Outcome);
        Assert.Equal(Severity.Critical, after.Severity);
        Assert.Contains(after.Timeline, e => e.Kind == "SeverityChanged" && e.By == org.Advisor);
        Assert.Contains("紧急", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extend_MovesTheRegulatoryDeadlineOnce()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);
        var before = await Complaint(id);

        var reply = await Say(org.BranchHead, $"延期 {id} 需调取银行流水");

        var after = await Complaint(id);
        Assert.Equal(BotOutcome.Done, reply.Outcome);
        Assert.True(after.RegulatoryDue > before.RegulatoryDue);
        Assert.Contains(after.Timeline, e => e.Kind == "RegulatoryDeadlineExtended" && e.By == org.BranchHead);
    }

    [Fact]
    public async Task Progress_ListsWhatHappened_ForWhoeverMayReadTheCase()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);
        await Say(org.Advisor, $"受理 {id}");
        await Say(org.Advisor, $"备注 {id} 已致电客户");

        var mine = await Say(org.Advisor, $"进度 {id}");
        var compliance = await Say(org.Compliance, $"progress {id}");
        var outsider = await Say(org.OtherTeamAdvisor, $"进度 {id}");

        Assert.Equal(BotOutcome.Info, mine.Outcome);
        Assert.Contains("受理", mine.Text, StringComparison.Ordinal);
        Assert.Contains("备注", mine.Text, StringComparison.Ordinal);
        Assert.Contains("已致电客户", mine.Text, StringComparison.Ordinal);
        Assert.Contains("acknowledged", compliance.Text, StringComparison.Ordinal);
        Assert.Equal(BotOutcome.Refused, outsider.Outcome);
        Assert.DoesNotContain("已致电客户", outsider.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_RecordsAContactOnTheClient_OnlyForThoseWhoWorkIt()
    {
        var org = await BotTestOrg.Create(Grains);

        var reply = await Say(org.Advisor, $"记录 {org.VipClient} 电话回访，客户满意");
        var refused = await Say(org.OtherTeamAdvisor, $"记录 {org.VipClient} 冒名记录");

        Assert.Equal(BotOutcome.Done, reply.Outcome);
        Assert.Equal(BotOutcome.Refused, refused.Outcome);
        var interactions = (await Grains.GetGrain<IClientGrain>(org.VipClient).GetView()).RecentInteractions;
        var logged = Assert.Single(interactions);
        // Chat text is normalised (full-width punctuation to its ASCII form) as for every command.
        Assert.Equal((org.Advisor, "电话回访,客户满意"), (logged.EmployeeId, logged.Note));
    }

    [Fact]
    public async Task EveryNewCommand_IsAuditedUnderTheApisName()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);

        await Say(org.Advisor, $"级别 {id} 高");
        await Say(org.Advisor, $"进度 {id}");
        await Say(org.Advisor, $"记录 {org.VipClient} 面谈");

        var actions = fixture.Audit.Records.Where(r => r.EmployeeId == org.Advisor).Select(r => (r.Action, r.TargetId)).ToList();
        Assert.Contains(("complaint.severity", id), actions);
        Assert.Contains(("complaint.timeline", id), actions);
        Assert.Contains(("client.interactions", org.VipClient), actions);
    }
}
