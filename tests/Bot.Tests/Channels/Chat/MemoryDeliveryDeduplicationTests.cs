using Microsoft.Extensions.Time.Testing;
using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Tests.Channels.Chat;

public sealed class MemoryDeliveryDeduplicationTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8)));

    private DateTimeOffset Until(TimeSpan? window = null) => _time.GetUtcNow() + (window ?? Window);

    [Fact]
    public async Task TryRecordFirst_ThreeRetriesWithinFiveSeconds_OnlyFirstAccepted()
    {
        var seen = new MemoryDeliveryDeduplication(_time);

        Assert.True(await seen.TryRecordFirstAsync("wecom:msg:4561255354251345929", Until()));
        foreach (var gap in new[] { 1, 2, 2 })
        {
            _time.Advance(TimeSpan.FromSeconds(gap));
            Assert.False(await seen.TryRecordFirstAsync("wecom:msg:4561255354251345929", Until()));
        }

        Assert.True(await seen.TryRecordFirstAsync("wecom:msg:4561255354251345930", Until()));
    }

    [Fact]
    public async Task TryRecordFirst_AfterExpiry_ForgetsAndPurges()
    {
        var seen = new MemoryDeliveryDeduplication(_time);
        Assert.True(await seen.TryRecordFirstAsync("a", Until(TimeSpan.FromMinutes(1))));
        Assert.True(await seen.TryRecordFirstAsync("b", Until(TimeSpan.FromMinutes(1))));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(await seen.TryRecordFirstAsync("a", Until(TimeSpan.FromMinutes(1))));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await seen.TryRecordFirstAsync("a", Until(TimeSpan.FromMinutes(1))));
        Assert.Equal(1, seen.Count);
    }

    [Fact]
    public async Task TryRecordFirst_MoreKeysThanCapacity_MemoryStaysBoundedAndRecentKeysRemembered()
    {
        var seen = new MemoryDeliveryDeduplication(_time, capacity: 100);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(await seen.TryRecordFirstAsync($"msg:{i}", Until()));
            Assert.True(seen.Count <= 100);
        }

        Assert.Equal(100, seen.Count);
        Assert.False(await seen.TryRecordFirstAsync("msg:999", Until()));
        Assert.False(await seen.TryRecordFirstAsync("msg:900", Until()));
        Assert.True(await seen.TryRecordFirstAsync("msg:0", Until()));
    }

    [Fact]
    public async Task TryRecordFirst_ConcurrentDeliveriesOfOneMessage_ExactlyOneAccepted()
    {
        var seen = new MemoryDeliveryDeduplication(_time);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => seen.TryRecordFirstAsync("msg:race", Until()))));

        Assert.Equal(1, results.Count(accepted => accepted));
    }

    [Fact]
    public async Task Forget_AfterFailedHandling_NextRetryAccepted()
    {
        var seen = new MemoryDeliveryDeduplication(_time, capacity: 2);
        Assert.True(await seen.TryRecordFirstAsync("a", Until()));

        await seen.ForgetAsync("a");
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await seen.TryRecordFirstAsync("a", Until()));
        Assert.False(await seen.TryRecordFirstAsync("a", Until()));
        Assert.True(await seen.TryRecordFirstAsync("b", Until()));
        Assert.Equal(2, seen.Count);
    }
}
