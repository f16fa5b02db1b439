using WealthActors.Bot.Conversation;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Complaints;

namespace WealthActors.Bot.Tests.Conversation;

[Collection(BotClusterCollection.Name)]
public sealed class ConversationEngineTests(BotClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private Task<BotReply> Say(string employeeId, string text) => fixture.Engine.HandleAsync(employeeId, "tests", text);

    private Task<ComplaintView> Complaint(string id) => Grains.GetGrain<IComplaintGrain>(id).GetView();

    [Fact]
    public async Task HandleAsync_Help_ListsCommandsInTheLanguageAsked()
    {
        var org = await BotTestOrg.Create(Grains);

        var chinese = await Say(org.Advisor, "帮助");
        var english = await Say(org.Advisor, "help");

        Assert.Contains("我的待办", chinese.Text);
        Assert.Contains("转派", chinese.Text);
        Assert.Contains("my queue", english.Text);
        Assert.Contains("breaches", english.Text);
    }

    [Theory]
    [InlineData("随便说点什么", "没看懂")]
    [InlineData("what is this", "did not understand")]
    [InlineData("受理 ", "受理")]
    [InlineData("<script>alert(1)</script>", "did not understand")]
    public async Task HandleAsync_UnknownOrIncompleteInput_AnswersWithHelpNotAnException(string text, string expected)
    {
        var org = await BotTestOrg.Create(Grains);

        var reply = await Say(org.Advisor, text);

        Assert.Contains(expected, reply.Text);
        Assert.DoesNotContain("Exception", reply.Text);
        Assert.DoesNotContain(" at ", reply.Text);
    }

    [Fact]
    public async Task HandleAsync_UnregisteredEmployee_RefusesPolitely()
    {
        var reply = await Say($"nobody-{Guid.NewGuid():N}", "我的待办");

        Assert.Equal(BotOutcome.Refused, reply.Outcome);
        Assert.Contains("尚未登记", reply.Text);
    }

    [Fact]
    public async Task HandleAsync_ClientByName_ShowsCardWithMaskedPersonalData()
    {
        var org = await BotTestOrg.Create(Grains);

        var reply = await Say(org.Advisor, $"客户 {org.VipClientName}");

        var card = Assert.IsType<BotCard>(reply.Card);
        Assert.Contains(org.VipClient, card.Title);
        var facts = card.Facts.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("138****5678", facts["电话"]);
        Assert.Equal("**************1234", facts["证件"]);
        Assert.Contains("VIP", facts["等级"]);
        Assert.DoesNotContain("13812345678", reply.Text + string.Join(' ', facts.Values));
        Assert.DoesNotContain("310101197001011234", string.Join(' ', facts.Values));
    }

    [Fact]
    public async Task HandleAsync_ClientById_InEnglish_ShowsCard()
    {
        var org = await BotTestOrg.Create(Grains);

        var reply = await Say(org.Advisor, $"client {org.MassClient}");

        Assert.Equal("138****5678", reply.Card!.Facts.Single(f => f.Name == "Phone").Value);
    }

    [Fact]
    public async Task HandleAsync_NameMatchingSeveralClients_OffersAPickList()
    {
        var org = await BotTestOrg.Create(Grains);

        // The branch head may see all four clients of the branch, and every name carries the org's tag.
        var reply = await Say(org.BranchHead, $"客户 {org.Tag}");

        Assert.Equal(BotOutcome.NeedsInput, reply.Outcome);
        var buttons = reply.Card!.Buttons;
        Assert.Equal(4, buttons.Count);
        Assert.Contains(buttons, b => b.Command == $"客户 {org.VipClient}");
    }

    [Fact]
    public async Task HandleAsync_AdvisorAsksForColleaguesClient_IsNotShown()
    {
        var org = await BotTestOrg.Create(Grains);

        var reply = await Say(org.Advisor, $"客户 {org.TeammateClient}");

        Assert.Equal(BotOutcome.Refused, reply.Outcome);
        Assert.Null(reply.Card);
    }

    [Fact]
    public async Task HandleAsync_Complain_OpensComplaintForOwnClient()
    {
        var org = await BotTestOrg.Create(Grains);

        var reply = await Say(org.Advisor, $"投诉 {org.VipClientName} 紧急 转账三天未到账");

        Assert.Equal(BotOutcome.Done, reply.Outcome);
        var id = reply.Card!.Title.Split(' ')[1];
        var view = await Complaint(id);
        Assert.Equal(org.VipClient, view.ClientId);
        Assert.Equal(Severity.Critical, view.Severity);
        Assert.Equal("转账三天未到账", view.Description);
        Assert.Equal(org.Advisor, view.Assignee);
        Assert.Equal("Opened", view.Timeline[0].Kind);
        Assert.Equal(org.Advisor, view.Timeline[0].By);
    }

    [Fact]
    public async Task HandleAsync_ComplainForColleaguesClient_IsRefusedAndOpensNothing()
    {
        var org = await BotTestOrg.Create(Grains);

        var reply = await Say(org.Advisor, $"complain {org.TeammateClient} high fee charged twice");

        Assert.Equal(BotOutcome.Refused, reply.Outcome);
        Assert.Empty(await fixture.ReadModel.ListComplaints(new(BranchId: org.Branch)));
    }

    [Fact]
    public async Task HandleAsync_MyQueue_ListsOpenComplaintsWithAcknowledgeButtons()
    {
        var org = await BotTestOrg.Create(Grains);
        var first = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);
        var second = await org.OpenComplaint(Grains, org.MassClient, org.Advisor);

        var reply = await Say(org.Advisor, "我的待办");

        Assert.Contains("2 件", reply.Text);
        Assert.Contains(first, reply.Text);
        Assert.Contains(second, reply.Text);
        Assert.Contains(reply.Card!.Buttons, b => b.Command == $"受理 {first}");
        Assert.Contains(reply.Card.Buttons, b => b.Command == $"受理 {second}");
    }

    [Fact]
    public async Task HandleAsync_MyQueueWhenEmpty_SaysSo()
    {
        var org = await BotTestOrg.Create(Grains);

        Assert.Equal("Your queue is empty.", (await Say(org.Teammate, "my queue")).Text);
    }

    [Fact]
    public async Task HandleAsync_AcknowledgeByUniqueSuffix_AcknowledgesTheComplaint()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);

        var reply = await Say(org.Advisor, $"受理 {id[^6..].ToLowerInvariant()}");

        Assert.Equal(BotOutcome.Done, reply.Outcome);
        Assert.Equal("已受理", reply.Badge);
        var view = await Complaint(id);
        Assert.Equal(ComplaintStatus.Acknowledged, view.Status);
        Assert.Equal(org.Advisor, view.Timeline.Single(t => t.Kind == "Acknowledged").By);
    }

    [Fact]
    public async Task HandleAsync_AmbiguousPrefix_OffersAPickListAndChangesNothing()
    {
        var org = await BotTestOrg.Create(Grains);
        var first = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);
        var second = await org.OpenComplaint(Grains, org.MassClient, org.Advisor);

        var reply = await Say(org.Advisor, $"ack CMP-{org.Tag}");

        Assert.Equal(BotOutcome.NeedsInput, reply.Outcome);
        Assert.Equal(new[] { $"ack {first}", $"ack {second}" }.Order(), reply.Card!.Buttons.Select(b => b.Command).Order());
        Assert.Equal(ComplaintStatus.Open, (await Complaint(first)).Status);
    }

    [Fact]
    public async Task HandleAsync_AcknowledgeTwice_ExplainsTheCurrentStatus()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);
        await Say(org.Advisor, $"受理 {id}");

        var reply = await Say(org.Advisor, $"受理 {id}");

        Assert.Equal(BotOutcome.Refused, reply.Outcome);
        Assert.Contains("已受理", reply.Text);
        Assert.Single((await Complaint(id)).Timeline, t => t.Kind == "Acknowledged");
    }

    [Fact]
    public async Task HandleAsync_NotePauseResumeResolve_DriveTheLifecycle()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);

        Assert.Equal(BotOutcome.Done, (await Say(org.Advisor, $"ack {id}")).Outcome);
        Assert.Equal(BotOutcome.Done, (await Say(org.Advisor, $"备注 {id} 已致电客户")).Outcome);
        Assert.Equal(BotOutcome.Done, (await Say(org.Advisor, $"暂停 {id} 等客户提供流水")).Outcome);
        Assert.Equal(SlaState.Paused, (await Complaint(id)).SlaState);
        Assert.Equal(BotOutcome.Done, (await Say(org.Advisor, $"恢复 {id}")).Outcome);
        var resolved = await Say(org.Advisor, $"resolve {id} fee refunded");

        Assert.Equal(BotOutcome.Done, resolved.Outcome);
        var view = await Complaint(id);
        Assert.Equal(ComplaintStatus.Resolved, view.Status);
        Assert.Equal(["Opened", "Acknowledged", "Note", "Paused", "Resumed", "Resolved"], view.Timeline.Select(t => t.Kind));
        Assert.Equal("已致电客户", view.Timeline.Single(t => t.Kind == "Note").Text);
        Assert.All(view.Timeline.Skip(1), t => Assert.Equal(org.Advisor, t.By));
    }

    [Fact]
    public async Task HandleAsync_TeamLeadAssignsTeamCaseToTeammate_Reassigns()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);

        var reply = await Say(org.TeamLead, $"转派 {id} 给 {org.Teammate}");

        Assert.Equal(BotOutcome.Done, reply.Outcome);
        Assert.Equal(org.Teammate, (await Complaint(id)).Assignee);
    }

    [Fact]
    public async Task HandleAsync_AssignToMe_TakesTheCaseOver()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);

        await Say(org.BranchHead, $"assign {id} me");

        Assert.Equal(org.BranchHead, (await Complaint(id)).Assignee);
    }

    [Fact]
    public async Task HandleAsync_AssignToUnknownEmployee_IsRefused()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);

        var reply = await Say(org.Advisor, $"转派 {id} NOBODY-1");

        Assert.Equal(BotOutcome.Refused, reply.Outcome);
        Assert.Contains("NOBODY-1", reply.Text);
        Assert.Equal(org.Advisor, (await Complaint(id)).Assignee);
    }

    [Fact]
    public async Task HandleAsync_OtherTeamsLeadActsOnCase_IsRefused()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);

        var reply = await Say(org.OtherTeamLead, $"受理 {id}");

        Assert.Equal(BotOutcome.Refused, reply.Outcome);
        Assert.Contains("无权", reply.Text);
        Assert.Equal(ComplaintStatus.Open, (await Complaint(id)).Status);
    }

    [Fact]
    public async Task HandleAsync_Compliance_ReadsButCannotChange()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);

        var show = await Say(org.Compliance, $"查看 {id}");
        var ack = await Say(org.Compliance, $"受理 {id}");

        Assert.Equal(BotOutcome.Info, show.Outcome);
        Assert.Contains(id, show.Card!.Title);
        Assert.Equal(BotOutcome.Refused, ack.Outcome);
        Assert.Equal(ComplaintStatus.Open, (await Complaint(id)).Status);
    }

    [Fact]
    public async Task HandleAsync_OtherBranchHead_CannotSeeTheCase()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);

        Assert.Equal(BotOutcome.Refused, (await Say(org.OtherBranchHead, $"show {id}")).Outcome);
    }

    [Fact]
    public async Task HandleAsync_Breaches_ListsBreachedCasesOfTheBranch()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);
        var before = await Say(org.BranchHead, "超时");

        // The VIP policy's first response is due within 2 hours.
        fixture.Clock.Advance(TimeSpan.FromHours(3));
        await Eventually(async () => (await fixture.ReadModel.ListComplaints(new(BranchId: org.Branch, SlaState: SlaState.Breached))).Count == 1);
        var after = await Say(org.BranchHead, "超时");
        var otherBranch = await Say(org.OtherBranchHead, $"breaches {org.Branch}");

        Assert.Contains("没有超时投诉", before.Text);
        Assert.Contains(id, after.Text);
        Assert.Equal(BotOutcome.Refused, otherBranch.Outcome);
    }

    [Fact]
    public async Task HandleAsync_ShowCardButtons_FollowTheStatus()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await org.OpenComplaint(Grains, org.VipClient, org.Advisor);

        var open = await Say(org.Advisor, $"查看 {id}");
        await Say(org.Advisor, $"受理 {id}");
        var acknowledged = await Say(org.Advisor, $"查看 {id}");

        Assert.Equal(["受理", "备注", "转派"], open.Card!.Buttons.Select(b => b.Text));
        Assert.Equal(["备注", "暂停", "解决"], acknowledged.Card!.Buttons.Select(b => b.Text));
        Assert.Equal($"暂停 {id}", acknowledged.Card.Buttons[1].Command);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the silo");
            await Task.Delay(25);
        }
    }
}
