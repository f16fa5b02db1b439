using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Demo;

/// <summary>
/// Development-only bearer tokens for the demo's employees, so the demo needs no identity provider. The Silo signs
/// them with a key it makes at start and forgets at exit; the key is accepted only in the Development environment
/// (<see cref="JwtOptions.DevelopmentSigningKey"/>), so a production Silo refuses these tokens whatever it is told.
/// </summary>
internal static class DemoTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string For(string employeeId, string employeeClaim, string signingKey, DateTimeOffset now) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtOptions.DevelopmentIssuer,
            Audience = JwtOptions.DevelopmentAudience,
            Subject = new ClaimsIdentity([new Claim("sub", $"demo-{employeeId}"), new Claim(employeeClaim, employeeId)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(signingKey)), SecurityAlgorithms.HmacSha256),
        });
}
