using System.Net;
using System.Security.Claims;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>Why an inbound request was refused.</summary>
public enum BotFrameworkAuthFailure
{
    None = 0,
    MissingToken,
    MalformedToken,
    DisallowedAlgorithm,
    UnknownSigningKey,
    InvalidSignature,
    InvalidIssuer,
    InvalidAudience,
    Expired,
    NotYetValid,
    MissingLifetime,
    InvalidLifetime,
    ChannelNotEndorsed,
    ServiceUrlMismatch,
    NotConfigured,
    MetadataUnavailable,
    Invalid,
}

/// <summary>The outcome of checking a Bot Connector request; <see cref="Reason"/> is for the log, never for the caller.</summary>
public sealed record BotFrameworkAuthResult
{
    private BotFrameworkAuthResult(BotFrameworkAuthFailure failure, string? reason, ClaimsIdentity? identity)
    {
        Failure = failure;
        Reason = reason;
        Identity = identity;
    }

    public bool Succeeded => Failure == BotFrameworkAuthFailure.None;
    public BotFrameworkAuthFailure Failure { get; }
    public string? Reason { get; }

    /// <summary>The validated token's claims on success.</summary>
    public ClaimsIdentity? Identity { get; }

    /// <summary>
    /// What to answer: 403 for a key not endorsed for the channel (as the Bot Framework asks), 503 while the signing
    /// keys cannot be loaded (the Connector retries), 500 when the bot is not configured, else 401.
    /// </summary>
    public HttpStatusCode StatusCode => Failure switch
    {
        BotFrameworkAuthFailure.None => HttpStatusCode.OK,
        BotFrameworkAuthFailure.ChannelNotEndorsed => HttpStatusCode.Forbidden,
        BotFrameworkAuthFailure.MetadataUnavailable => HttpStatusCode.ServiceUnavailable,
        BotFrameworkAuthFailure.NotConfigured => HttpStatusCode.InternalServerError,
        _ => HttpStatusCode.Unauthorized,
    };

    public static BotFrameworkAuthResult Success(ClaimsIdentity identity) =>
        new(BotFrameworkAuthFailure.None, null, identity ?? throw new ArgumentNullException(nameof(identity)));

    public static BotFrameworkAuthResult Fail(BotFrameworkAuthFailure failure, string reason) =>
        failure == BotFrameworkAuthFailure.None
            ? throw new ArgumentOutOfRangeException(nameof(failure), "A failure needs a reason other than None.")
            : new(failure, reason, null);
}
