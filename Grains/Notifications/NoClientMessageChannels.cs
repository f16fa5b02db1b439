namespace WealthActors.Grains.Notifications;

/// <summary>Where no channel is configured (a test cluster of grains alone): every update finds none.</summary>
public sealed class NoClientMessageChannels : IClientMessageSender
{
    public bool Offers(string channel) => false;

    public Task<ChannelAnswer> Send(string channel, ClientContact contact, string text, string messageKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChannelAnswer(ChannelVerdict.Refused, $"{channel} is not configured"));
}
