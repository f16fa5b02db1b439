using WealthActors.Bot.Channels.WeCom;
using WealthActors.Grains.Notifications;
using WealthActors.Notifications;

namespace WealthActors.Silo.Notifications;

/// <summary>
/// The client notification channels of this silo: WeCom's customer contact where WeCom is configured (the advisor
/// confirms the message in their WeCom), SMS where a gateway is. Answers are sorted into taken, refused for good, or worth
/// another try; nothing here throws for a channel's failure.
/// </summary>
internal sealed class ClientMessageSender(IServiceProvider services) : IClientMessageSender
{
    private readonly WeComApiClient? _weCom = services.GetService<WeComApiClient>();
    private readonly ISmsGateway? _sms = services.GetService<ISmsGateway>();

    /// <summary>40096: invalid external userid; 41048 and 84074 and the like are refusals too, any errcode but a token's is.</summary>
    private const int InvalidExternalUserId = 40096;

    public bool Offers(string channel) => channel switch
    {
        ClientUpdateChannels.WeCom => _weCom is not null,
        ClientUpdateChannels.Sms => _sms is not null,
        _ => false,
    };

    public async Task<ChannelAnswer> Send(string channel, ClientContact contact, string text, string messageKey, CancellationToken cancellationToken = default)
    {
        switch (channel)
        {
            case ClientUpdateChannels.WeCom when _weCom is not null:
                return await SendWeCom(_weCom, contact, text, cancellationToken);
            case ClientUpdateChannels.Sms when _sms is not null:
                return await _sms.Send(contact.Phone!, text, messageKey, cancellationToken);
            default:
                return new ChannelAnswer(ChannelVerdict.Refused, $"{channel} is not configured");
        }
    }

    private static async Task<ChannelAnswer> SendWeCom(WeComApiClient weCom, ClientContact contact, string text, CancellationToken cancellationToken)
    {
        try
        {
            var result = await weCom.AddCustomerMessageAsync(contact.AdvisorWeComUserId!, contact.WeComExternalUserId!, text, cancellationToken);
            return result.FailList.Contains(contact.WeComExternalUserId!, StringComparer.Ordinal)
                ? new ChannelAnswer(ChannelVerdict.Refused, "WeCom cannot send to this contact (not the advisor's contact, or this month's four messages were sent)")
                : new ChannelAnswer(ChannelVerdict.Accepted, $"wecom task {result.MsgId}, sent once the advisor confirms it");
        }
        catch (WeComApiException ex) when (ex.ErrCode == InvalidExternalUserId || ex.ErrCode is > 0 and not (40001 or 40014 or 42001 or 45009 or 45033))
        {
            // A refused token (40001, 40014, 42001: settings), -1 (system busy) and the frequency limits (45009, 45033)
            // may pass; anything else WeCom refused is final.
            return new ChannelAnswer(ChannelVerdict.Refused, $"WeCom errcode {ex.ErrCode}: {ex.ErrMsg}");
        }
        catch (Exception ex) when (ex is WeComApiException or HttpRequestException or TaskCanceledException)
        {
            return new ChannelAnswer(ChannelVerdict.Failed, ex.Message);
        }
    }
}
