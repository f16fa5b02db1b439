namespace WealthActors.Grains.Notifications;

/// <summary>How to reach a client, from their profile and their advisor's WeCom account.</summary>
/// <param name="AdvisorWeComUserId">WeCom sends a customer-contact message in the name of the member who has the client as a contact: the advisor.</param>
public sealed record ClientContact(string? Phone, string? WeComExternalUserId, string? AdvisorWeComUserId);

public enum ChannelVerdict
{
    /// <summary>The channel took the message.</summary>
    Accepted,

    /// <summary>The channel refused it for good (a bad number, not a contact, a limit reached): another try would be refused too.</summary>
    Refused,

    /// <summary>It did not get through this time (network, a server error): worth another try later.</summary>
    Failed,
}

public sealed record ChannelAnswer(ChannelVerdict Verdict, string Detail);

/// <summary>The client notification channels the silo has (WeCom's customer contact, an SMS gateway), by name.</summary>
public interface IClientMessageSender
{
    /// <summary>Whether <paramref name="channel"/> is configured here.</summary>
    bool Offers(string channel);

    /// <param name="messageKey">The update's key: a gateway that de-duplicates by it takes a repeat once.</param>
    Task<ChannelAnswer> Send(string channel, ClientContact contact, string text, string messageKey, CancellationToken cancellationToken = default);
}
