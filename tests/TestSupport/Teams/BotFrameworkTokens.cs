using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WealthActors.Testing.Teams;

/// <summary>Mints Bot Connector style tokens (and forgeries of them) for the validator tests.</summary>
public static class BotFrameworkTokens
{
    public const string AppId = "8e1c2a50-2f0e-4b7a-9d3c-1f2e3d4c5b6a";
    public const string Issuer = "https://api.botframework.com";
    public const string ServiceUrl = "https://connector.example/amer/";

    /// <summary>What to put in a token; times are relative to <c>now</c>.</summary>
    public sealed record Spec
    {
        public string Issuer { get; init; } = BotFrameworkTokens.Issuer;
        public string Audience { get; init; } = AppId;
        public string? ServiceUrl { get; init; } = BotFrameworkTokens.ServiceUrl;
        public TimeSpan NotBefore { get; init; } = TimeSpan.FromMinutes(-5);
        public TimeSpan? Expires { get; init; } = TimeSpan.FromMinutes(60);
    }

    public static string Create(SecurityKey key, DateTimeOffset now, Spec? spec = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        spec ??= new Spec();
        var claims = new Dictionary<string, object>();
        if (spec.ServiceUrl is not null)
        {
            claims["serviceurl"] = spec.ServiceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            IssuedAt = (now + spec.NotBefore).UtcDateTime,
            NotBefore = (now + spec.NotBefore).UtcDateTime,
            Expires = spec.Expires is { } expires ? (now + expires).UtcDateTime : null,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) naming a published key, as an attacker would send it.</summary>
    public static string CreateUnsigned(string kid, DateTimeOffset now)
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = kid };
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = AppId,
            ["serviceurl"] = ServiceUrl,
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(60).ToUnixTimeSeconds(),
        };
        return $"{Encode(header)}.{Encode(payload)}.";
    }

    private static string Encode(JsonObject value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(value.ToJsonString()));
}
