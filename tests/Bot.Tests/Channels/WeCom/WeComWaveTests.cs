using System.Text.Json.Nodes;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Employees;

namespace WealthActors.Bot.Tests.Channels.WeCom;

/// <summary>
/// A wave of escalations to one member, end to end against the fake WeCom server, which discards what exceeds 30
/// messages a minute per member as WeCom does: every escalation reaches the member's chat, alone or in a summary,
/// within a minute, and none is discarded or sent twice.
/// </summary>
[Collection(BotClusterCollection.Name)]
public sealed class WeComWaveTests(BotClusterFixture cluster) : IAsyncLifetime
{
    private WeComBotHost _host = null!;
    private BotTestOrg _org = null!;

    public async Task InitializeAsync()
    {
        _host = await WeComBotHost.Start(cluster, engine: null, serverOnClusterClock: true);
        _host.Server.AnswerDelay = TimeSpan.FromMilliseconds(50);
        _org = await BotTestOrg.Create(cluster.Grains);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Case(int i) => $"CMP-{_org.Tag}-{i:000}";

    private async Task<List<InboxPush>> DeliverWave(int count, string? language = null)
    {
        var employee = cluster.Grains.GetGrain<IEmployeeGrain>(_org.Advisor);
        var profile = (await employee.GetProfile())! with { Language = language };
        var pushes = new List<InboxPush>();
        for (var i = 0; i < count; i++)
        {
            var key = $"{Case(i)}:2:1";
            var message = new InboxMessage(key, InboxKind.Escalation, key, Case(i), _org.VipClient, $"【投诉升级 L2】{Case(i)}", cluster.Clock.GetUtcNow(), ["inbox"]);
            Assert.True(await employee.Deliver(message));
            pushes.Add(new InboxPush(_org.Advisor, profile, message, InboxPushReason.Delivered));
        }

        return pushes;
    }

    /// <summary>The cases each message the member received names, in the order received.</summary>
    private List<string[]> Received(int count) =>
        [.. _host.Server.Delivered.Where(d => d.Member == _org.AdvisorWeCom)
            .Select(d => d.Call.Body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            .Select(body => Enumerable.Range(0, count).Select(Case).Where(c => body.Contains(c, StringComparison.Ordinal)).ToArray())];

    /// <summary>Lets the sender work, moving the shared clock on a second at a time, until every case was received.</summary>
    private async Task<TimeSpan> UntilAllReceived(int count)
    {
        var started = cluster.Clock.GetUtcNow();
        while (Received(count).SelectMany(c => c).Distinct().Count() < count)
        {
            Assert.True(cluster.Clock.GetUtcNow() - started < TimeSpan.FromMinutes(3), "the wave did not arrive");
            var before = _host.Server.Delivered.Count;
            // Real time for the sends in progress (each answered after 50 ms); then a second of the sender's clock.
            for (var i = 0; i < 20 && _host.Server.Delivered.Count == before; i++)
            {
                await Task.Delay(25);
            }

            if (Received(count).SelectMany(c => c).Distinct().Count() < count)
            {
                cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return cluster.Clock.GetUtcNow() - started;
    }

    [Fact]
    public async Task AWaveOfAHundred_ReachesTheMemberWithinAMinute_InSummaries_NothingDiscardedOrRepeated()
    {
        const int Count = 100;
        var pushes = await DeliverWave(Count);

        foreach (var push in pushes)
        {
            Assert.True(_host.PushChannel.TryPush(push));
        }

        var took = await UntilAllReceived(Count);

        Assert.True(took <= TimeSpan.FromSeconds(60), $"took {took}");
        Assert.Empty(_host.Server.Discarded);
        var received = Received(Count);
        Assert.Equal(Count, received.Sum(c => c.Length));
        Assert.True(received.Count <= 30, $"{received.Count} messages for {Count} escalations");
        var summary = _host.Server.Delivered.First(d => (string?)d.Call.Body["msgtype"] == "text");
        var text = (string)summary.Call.Body["text"]!["content"]!;
        Assert.Matches(@"^【\d+ 条新升级】\n· CMP-", text);
        Assert.Matches($@"\n· CMP-{_org.Tag}-\d{{3}} · 客户 {_org.VipClient} · L2\n", text);
        Assert.Contains("我的待办", text, StringComparison.Ordinal);
        Assert.Equal(0, _host.Outbox.WaitingPushes);
    }

    [Fact]
    public async Task AWaveForAnEnglishReader_IsSummarizedInEnglish()
    {
        var pushes = await DeliverWave(40, EmployeeProfile.English);

        foreach (var push in pushes)
        {
            _host.PushChannel.TryPush(push);
        }

        await UntilAllReceived(40);

        var texts = _host.Server.Delivered.Where(d => (string?)d.Call.Body["msgtype"] == "text").Select(d => (string)d.Call.Body["text"]!["content"]!).ToArray();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Matches(@"^【\d+ new escalations】\n· CMP-\S+ · client \S+ · L2\n", t));
        Assert.All(texts, t => Assert.Contains("my queue", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessagesSentInASummary_AreRecordedAndNotSentAgainByALaterHost()
    {
        const int Count = 45;
        var pushes = await DeliverWave(Count);
        foreach (var push in pushes)
        {
            _host.PushChannel.TryPush(push);
        }

        await UntilAllReceived(Count);
        var employee = cluster.Grains.GetGrain<IEmployeeGrain>(_org.Advisor);
        var ids = pushes.Select(p => p.Message.Id).ToHashSet();
        await Eventually(async () => (await employee.GetInbox(100)).Where(m => ids.Contains(m.Id)).All(m => m.DeliveredVia.Contains("wecom")));

        // A restarted process: the grain hands over whatever it still holds; WeCom now has every one of them.
        await using var later = await WeComBotHost.Start(cluster, engine: null, serverOnClusterClock: true);
        foreach (var message in (await employee.GetInbox(100)).Where(m => ids.Contains(m.Id)))
        {
            Assert.False(later.PushChannel.TryPush(new InboxPush(_org.Advisor, await employee.GetProfile(), message, InboxPushReason.Retry)));
        }

        Assert.DoesNotContain(later.Server.Calls, c => c.Api == "message/send");
    }

    [Fact]
    public async Task AProcessStoppedBetweenSendAndRecord_LeavesTheMessagesOwed_AndTheyAreSentAgain()
    {
        const int Count = 40;
        var pushes = await DeliverWave(Count);
        _host.Server.AnswerDelay = TimeSpan.FromSeconds(1);
        foreach (var push in pushes)
        {
            _host.PushChannel.TryPush(push);
        }

        // The process stops while its first sends are on their way: nothing of the wave is recorded yet.
        await _host.WaitForCall(c => c.Api == "message/send", "the first send");
        await _host.Outbox.StopAsync(CancellationToken.None);
        var employee = cluster.Grains.GetGrain<IEmployeeGrain>(_org.Advisor);
        var ids = pushes.Select(p => p.Message.Id).ToHashSet();
        var owed = (await employee.GetInbox(100)).Where(m => ids.Contains(m.Id) && !m.DeliveredVia.Contains("wecom")).ToArray();
        Assert.NotEmpty(owed);

        // The inbox hands what is owed over again, as it does on activation; the next process sends it.
        await using var later = await WeComBotHost.Start(cluster, engine: null, serverOnClusterClock: true);
        foreach (var message in owed)
        {
            Assert.True(later.PushChannel.TryPush(new InboxPush(_org.Advisor, await employee.GetProfile(), message, InboxPushReason.Retry)));
        }

        await Eventually(async () =>
        {
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            return (await employee.GetInbox(100)).Where(m => ids.Contains(m.Id)).All(m => m.DeliveredVia.Contains("wecom"));
        });
        var resent = later.Server.Delivered.Select(d => d.Call.Body.ToJsonString()).ToArray();
        Assert.All(owed, m => Assert.Contains(resent, body => body.Contains(m.ComplaintId!, StringComparison.Ordinal)));
        Assert.Empty(later.Server.Discarded);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(25);
        }
    }
}
