using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>
/// Retries and queueing of the Teams outbox. Each attempt is itself up to four Connector calls (the client retries
/// 429, 412 and 5xx answers), so the attempts cover outages longer than a few seconds.
/// </summary>
public sealed class TeamsDeliveryOptions : ChatDeliveryOptions
{
    public const string Section = TeamsOptions.Section + ":Delivery";
}
