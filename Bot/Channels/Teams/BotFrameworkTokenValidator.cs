using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>
/// Checks the <c>Authorization</c> header of a request from the Bot Connector service the way the Bot Framework
/// specifies it: a Bearer JWT signed with RS256 by a key from the Bot Framework's OpenID metadata, issued by
/// <c>https://api.botframework.com</c> for this bot's app id, within its lifetime (5 minutes of clock skew), signed by
/// a key endorsed for the activity's channel, and carrying a <c>serviceurl</c> claim equal to the activity's
/// <c>serviceUrl</c>. Bad tokens yield a failed result, never an exception.
/// </summary>
public sealed partial class BotFrameworkTokenValidator(
    BotFrameworkSigningKeyCache signingKeys,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<BotFrameworkTokenValidator> logger)
{
    public const string Issuer = "https://api.botframework.com";
    public const string ServiceUrlClaim = "serviceurl";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const string BearerPrefix = "Bearer ";

    // The metadata advertises RS256 only; refusing everything else shuts out "none" and HMAC key-confusion forgeries.
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256];

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Validates the header against the activity it came with.</summary>
    public Task<BotFrameworkAuthResult> ValidateAsync(
        string? authorizationHeader, BotActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return ValidateAsync(authorizationHeader, activity.ChannelId, activity.ServiceUrl, cancellationToken);
    }

    /// <param name="authorizationHeader">The raw <c>Authorization</c> header value.</param>
    /// <param name="channelId">The activity's <c>channelId</c>; the signing key must be endorsed for it.</param>
    /// <param name="serviceUrl">The activity's <c>serviceUrl</c>; the token's <c>serviceurl</c> claim must equal it.</param>
    public async Task<BotFrameworkAuthResult> ValidateAsync(
        string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken = default)
    {
        var result = await CheckAsync(authorizationHeader, channelId, serviceUrl, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            LogRefused(logger, result.Failure, result.Reason, channelId, serviceUrl);
        }

        return result;
    }

    private async Task<BotFrameworkAuthResult> CheckAsync(
        string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        var appId = options.Value.AppId;
        if (string.IsNullOrWhiteSpace(appId))
        {
            return BotFrameworkAuthResult.Fail(BotFrameworkAuthFailure.NotConfigured, "Teams:AppId is not set.");
        }

        if (ReadBearer(authorizationHeader) is not { } token)
        {
            return BotFrameworkAuthResult.Fail(BotFrameworkAuthFailure.MissingToken, "No Bearer token in the Authorization header.");
        }

        if (ReadJwt(token) is not { } jwt)
        {
            return BotFrameworkAuthResult.Fail(BotFrameworkAuthFailure.MalformedToken, "The token is not a signed JWT.");
        }

        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return BotFrameworkAuthResult.Fail(
                BotFrameworkAuthFailure.DisallowedAlgorithm, $"The token is signed with '{jwt.Alg}', only RS256 is accepted.");
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return BotFrameworkAuthResult.Fail(BotFrameworkAuthFailure.UnknownSigningKey, "The token names no signing key (kid).");
        }

        BotFrameworkSigningKey? key;
        try
        {
            key = await signingKeys.FindAsync(jwt.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (BotFrameworkMetadataUnavailableException ex)
        {
            return BotFrameworkAuthResult.Fail(BotFrameworkAuthFailure.MetadataUnavailable, ex.Message);
        }

        if (key is null)
        {
            return BotFrameworkAuthResult.Fail(
                BotFrameworkAuthFailure.UnknownSigningKey, $"The signing key '{jwt.Kid}' is not published by the Bot Framework.");
        }

        var validation = await _handler.ValidateTokenAsync(jwt, Parameters(appId, key.Key)).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return Classify(validation.Exception);
        }

        if (string.IsNullOrEmpty(channelId) || !key.Endorses(channelId))
        {
            return BotFrameworkAuthResult.Fail(
                BotFrameworkAuthFailure.ChannelNotEndorsed, $"The signing key '{key.KeyId}' is not endorsed for channel '{channelId}'.");
        }

        if (!jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var claimedServiceUrl)
            || string.IsNullOrEmpty(serviceUrl)
            || !string.Equals(claimedServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return BotFrameworkAuthResult.Fail(
                BotFrameworkAuthFailure.ServiceUrlMismatch,
                $"The token's serviceurl '{claimedServiceUrl}' does not match the activity's serviceUrl '{serviceUrl}'.");
        }

        return BotFrameworkAuthResult.Success(validation.ClaimsIdentity);
    }

    private TokenValidationParameters Parameters(string appId, SecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = appId,
        IssuerSigningKey = key,
        // Only the key the token names: never fall back to trying others.
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = AllowedAlgorithms,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        RequireAudience = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    private static string? ReadBearer(string? header)
    {
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[BearerPrefix.Length..].Trim();
        return token.Length > 0 ? token : null;
    }

    private JsonWebToken? ReadJwt(string token)
    {
        if (!_handler.CanReadToken(token))
        {
            return null;
        }

        try
        {
            var jwt = new JsonWebToken(token);
            return jwt.IsEncrypted ? null : jwt;
        }
        catch (ArgumentException)
        {
            // SecurityTokenMalformedException derives from ArgumentException.
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused a Bot Connector request ({Failure}): {Reason} channel {ChannelId}, serviceUrl {ServiceUrl}")]
    private static partial void LogRefused(
        ILogger logger, BotFrameworkAuthFailure failure, string? reason, string? channelId, string? serviceUrl);
}
