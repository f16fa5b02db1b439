using WealthActors.Bot.Conversation;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Tasks;

namespace WealthActors.Bot.Tests.Conversation;

/// <summary>Tasks from chat: the list, done with an outcome, snooze to a date, each checked and audited as the API's actions.</summary>
[Collection(BotClusterCollection.Name)]
public sealed class TaskCommandsTests(BotClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private Task<BotReply> Say(string employeeId, string text) => fixture.Engine.HandleAsync(employeeId, "tests", text);

    private async Task<string> NewTask(BotTestOrg org, string title = "回访客户")
    {
        var id = TaskIds.New(fixture.Clock.GetUtcNow());
        await Grains.GetGrain<ITaskGrain>(id).Create(new CreateTask(org.VipClient, title, fixture.Clock.GetUtcNow().AddDays(2), org.Advisor), BotTestOrg.System);
        return id;
    }

    [Fact]
    public async Task MyTasks_ListsTheOpenTasks_WithDoneAndSnoozeButtons()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await NewTask(org, "到期产品续作沟通");

        var reply = await Say(org.Advisor, "我的任务");

        Assert.Contains(id, reply.Text, StringComparison.Ordinal);
        Assert.Contains("到期产品续作沟通", reply.Text, StringComparison.Ordinal);
        Assert.Equal([$"完成 {id} 已跟进", $"延后 {id} 1天"], reply.Card!.Buttons.Select(b => b.Command));
        Assert.Contains("no open tasks", (await Say(org.Teammate, "my tasks")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_ByTheLastCharacters_CompletesAsTheSpeaker_LogsAContact_AndIsAuditedAsTheApi()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await NewTask(org);

        var reply = await Say(org.Advisor, $"完成 {id[^5..]} 客户同意续作");

        Assert.Equal(BotOutcome.Done, reply.Outcome);
        Assert.Equal("已完成", reply.Badge);
        var view = await Grains.GetGrain<ITaskGrain>(id).GetView();
        Assert.Equal(WorkItemStatus.Done, view.Status);
        Assert.Equal("客户同意续作", view.Outcome);
        Assert.Equal(org.Advisor, view.Timeline.Single(e => e.Kind == "Done").By);
        var client = await Grains.GetGrain<IClientGrain>(org.VipClient).GetView();
        Assert.Contains(client.RecentInteractions, i => i.EmployeeId == org.Advisor && i.Note.Contains("客户同意续作", StringComparison.Ordinal));
        var entry = fixture.Audit.Records.Last(r => r.TargetId == id);
        Assert.Equal(("task.complete", "task", org.Advisor), (entry.Action, entry.TargetType, entry.EmployeeId));

        var again = await Say(org.Advisor, $"done {id} twice");
        Assert.Equal(BotOutcome.Refused, again.Outcome);
    }

    [Fact]
    public async Task Snooze_ToADate_MovesTheDueDate_AndABadDateAsksAgain()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await NewTask(org);

        var bad = await Say(org.Advisor, $"延后 {id} 下辈子");
        var reply = await Say(org.Advisor, $"延后 {id} 3天 客户出差");

        Assert.Equal(BotOutcome.NeedsInput, bad.Outcome);
        Assert.Equal(BotOutcome.Done, reply.Outcome);
        var view = await Grains.GetGrain<ITaskGrain>(id).GetView();
        Assert.Equal(WorkItemStatus.Snoozed, view.Status);
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(3), view.Due);
        Assert.Contains(view.Timeline, e => e.Kind == "Snoozed" && e.Text!.Contains("客户出差", StringComparison.Ordinal));
        Assert.Equal("task.snooze", fixture.Audit.Records.Last(r => r.TargetId == id).Action);
    }

    [Fact]
    public async Task Done_OnSomeoneElsesTask_OutsideTheirReach_IsRefusedAndNothingChanges()
    {
        var org = await BotTestOrg.Create(Grains);
        var id = await NewTask(org);

        var reply = await Say(org.OtherTeamAdvisor, $"完成 {id} 不是我的");

        Assert.Equal(BotOutcome.Refused, reply.Outcome);
        Assert.Equal(WorkItemStatus.Open, (await Grains.GetGrain<ITaskGrain>(id).GetView()).Status);
        var teamLead = await Say(org.TeamLead, $"完成 {id} 主管代为确认");
        Assert.Equal(BotOutcome.Done, teamLead.Outcome);
    }

    [Fact]
    public void InboxCard_OfATaskMessage_CarriesDoneAndSnooze()
    {
        var message = new InboxMessage("care-birthday:C1:2026-11-05", InboxKind.Task, "care-birthday:C1:2026-11-05", null, "C1", "【生日关怀】…",
            DateTimeOffset.UnixEpoch, ["inbox"], TaskId: "TSK-1");

        var card = InboxCards.For(message, bilingualButtons: true);

        Assert.Equal(["完成 Done", "延后 Snooze"], card.Buttons.Select(b => b.Text));
        Assert.Equal(["完成 TSK-1 已跟进", "延后 TSK-1 1天"], card.Buttons.Select(b => b.Command));
        Assert.Contains(card.Facts, f => f.Value == "TSK-1");
    }

    [Theory]
    [InlineData("我的任务", CommandKind.MyTasks, null, null)]
    [InlineData("my tasks", CommandKind.MyTasks, null, null)]
    [InlineData("完成 TSK-1 客户同意", CommandKind.TaskDone, "TSK-1", "客户同意")]
    [InlineData("done TSK-1 renewed", CommandKind.TaskDone, "TSK-1", "renewed")]
    [InlineData("延后 TSK-1 2026-11-20", CommandKind.TaskSnooze, "TSK-1", "2026-11-20")]
    [InlineData("snooze TSK-1 3d", CommandKind.TaskSnooze, "TSK-1", "3d")]
    public void Parse_TaskCommands(string text, CommandKind kind, string? subject, string? rest)
    {
        var parsed = CommandParser.Parse(text);

        Assert.Equal(ParseStatus.Ok, parsed.Status);
        Assert.Equal((kind, subject, rest), (parsed.Command!.Kind, parsed.Command.Subject, parsed.Command.Text));
    }

    [Theory]
    [InlineData("完成 TSK-1")]
    [InlineData("延后 TSK-1")]
    public void Parse_TaskCommandWithoutItsArgument_IsIncomplete(string text) =>
        Assert.Equal(ParseStatus.Incomplete, CommandParser.Parse(text).Status);

    [Theory]
    [InlineData("明天", 24)]
    [InlineData("tomorrow", 24)]
    [InlineData("3天", 72)]
    [InlineData("2d", 48)]
    public void SnoozeDates_Relative(string word, int hours)
    {
        var now = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
        Assert.True(SnoozeDates.TryParse(word, now, out var until));
        Assert.Equal(now.AddHours(hours), until);
    }

    [Fact]
    public void SnoozeDates_ADate_Is9InTheMorningBeijingTime_AndThePastOrNonsenseIsRefused()
    {
        var now = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
        Assert.True(SnoozeDates.TryParse("2026-11-20", now, out var until));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero), until);
        Assert.False(SnoozeDates.TryParse("2026-10-01", now, out _));
        Assert.False(SnoozeDates.TryParse("0天", now, out _));
        Assert.False(SnoozeDates.TryParse("soon", now, out _));
    }
}
