using Microsoft.IdentityModel.Tokens;

namespace WealthActors.Bot.Channels.Teams;

public sealed partial class BotFrameworkTokenValidator
{
    // TokenValidationParameters offers no public clock setting and its own lifetime check reads the system clock;
    // the bot's clock is the injected TimeProvider, so lifetime is checked here.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (expires is not { } validTo)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry (exp).");
        }

        if (notBefore is { } validFrom && validFrom > validTo)
        {
            throw new SecurityTokenInvalidLifetimeException($"The token's nbf {validFrom:O} is after its exp {validTo:O}.")
            {
                NotBefore = validFrom,
                Expires = validTo,
            };
        }

        if (notBefore is { } start && start > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is valid from {start:O}, it is {now:O}.") { NotBefore = start };
        }

        if (validTo < now - ClockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {validTo:O}, it is {now:O}.") { Expires = validTo };
        }

        return true;
    }

    private static BotFrameworkAuthResult Classify(Exception? exception)
    {
        var failure = exception switch
        {
            SecurityTokenExpiredException => BotFrameworkAuthFailure.Expired,
            SecurityTokenNotYetValidException => BotFrameworkAuthFailure.NotYetValid,
            SecurityTokenNoExpirationException => BotFrameworkAuthFailure.MissingLifetime,
            SecurityTokenInvalidLifetimeException => BotFrameworkAuthFailure.InvalidLifetime,
            SecurityTokenInvalidIssuerException => BotFrameworkAuthFailure.InvalidIssuer,
            SecurityTokenInvalidAudienceException => BotFrameworkAuthFailure.InvalidAudience,
            SecurityTokenInvalidAlgorithmException => BotFrameworkAuthFailure.DisallowedAlgorithm,
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException
                => BotFrameworkAuthFailure.InvalidSignature,
            _ => BotFrameworkAuthFailure.Invalid,
        };
        return BotFrameworkAuthResult.Fail(failure, exception?.Message ?? "The token is not valid.");
    }
}
