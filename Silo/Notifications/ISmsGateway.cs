using WealthActors.Grains.Notifications;

namespace WealthActors.Silo.Notifications;

/// <summary>
/// An SMS gateway, pluggable: a provider's own API goes behind this interface. <see cref="HttpSmsGateway"/> speaks a
/// plain JSON protocol that most gateways (or a small adapter in front of one) offer.
/// </summary>
public interface ISmsGateway
{
    /// <param name="messageId">The update's key: the gateway drops a second message with the same id.</param>
    Task<ChannelAnswer> Send(string phone, string text, string messageId, CancellationToken cancellationToken = default);
}
