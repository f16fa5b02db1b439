using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace WealthActors.Silo.Auth;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against the configured keys; the key's roles become role claims. Its
/// challenges, forbids and failures log at Debug (see <see cref="InformationAsDebugLoggerFactory"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, new InformationAsDebugLoggerFactory(loggerFactory), encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>Set on a key used outside its <see cref="ApiKeyEntry.Routes"/>: every policy then answers 403.</summary>
    public const string OutsideRoutesClaim = "wa:outside-routes";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Keys are compared by their SHA-256 in constant time, so neither the stored form nor response timing gives
        // a key away.
        var presentedDigest = SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToString()));
        foreach (var entry in auth.CurrentValue.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(presentedDigest, entry.Digest()))
            {
                var claims = new List<Claim>
                {
                    new(ClaimTypes.Name, entry.Name), new(WealthActorsClaims.KeyName, entry.Name), new(WealthActorsClaims.Door, "api-key"),
                };
                claims.AddRange(entry.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
                if (!entry.Allows(Request.Path))
                {
                    claims.Add(new Claim(OutsideRoutesClaim, Request.Path));
                }

                var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
    }
}
