using System.Collections.Concurrent;
using WealthActors.Grains.Notifications;

namespace WealthActors.Grains.Tests.Infrastructure;

/// <summary>
/// Client notification channels that answer as a test scripts them, per client (by the WeCom external contact id) and
/// channel, and take the message where nothing is scripted. Every hand-over is recorded. An answer may throw, as a
/// process dying in the middle of a call leaves only what was stored before it.
/// </summary>
public sealed class ScriptedClientChannels : IClientMessageSender
{
    private readonly ConcurrentDictionary<(string Client, string Channel), ConcurrentQueue<Func<ChannelAnswer>>> _scripts = new();

    public ConcurrentQueue<(string Client, string Channel, string Key)> Calls { get; } = new();

    public bool Offers(string channel) => true;

    public void Script(string client, string channel, params Func<ChannelAnswer>[] answers) =>
        _scripts[(client, channel)] = new ConcurrentQueue<Func<ChannelAnswer>>(answers);

    public (string Channel, string Key)[] CallsOf(string client) =>
        Calls.Where(c => c.Client == client).Select(c => (c.Channel, c.Key)).ToArray();

    public Task<ChannelAnswer> Send(string channel, ClientContact contact, string text, string messageKey, CancellationToken cancellationToken = default)
    {
        var client = contact.WeComExternalUserId ?? "";
        Calls.Enqueue((client, channel, messageKey));
        return Task.FromResult(_scripts.TryGetValue((client, channel), out var script) && script.TryDequeue(out var answer)
            ? answer()
            : new ChannelAnswer(ChannelVerdict.Accepted, $"{channel} took it"));
    }
}
