using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>
/// Queueing of the Teams outbox, and how often it comes back to a job the Connector asked to wait for (a Retry-After
/// longer than the client's transport retries hold a call for); 429, 412 and 5xx answers are retried by the transport.
/// </summary>
public sealed class TeamsDeliveryOptions : ChatDeliveryOptions
{
    public const string Section = TeamsOptions.Section + ":Delivery";
}
