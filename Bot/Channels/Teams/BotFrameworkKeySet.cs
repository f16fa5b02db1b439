using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>One fetched generation of signing keys, by key id.</summary>
internal sealed class BotFrameworkKeySet
{
    private readonly Dictionary<string, BotFrameworkSigningKey> _byId;

    private BotFrameworkKeySet(Dictionary<string, BotFrameworkSigningKey> byId, DateTimeOffset fetchedAt)
    {
        _byId = byId;
        FetchedAt = fetchedAt;
    }

    public DateTimeOffset FetchedAt { get; }
    public int Count => _byId.Count;

    public BotFrameworkSigningKey? Find(string keyId) => _byId.GetValueOrDefault(keyId);

    /// <summary>Reads the metadata document, then the JWKS at its <c>jwks_uri</c>.</summary>
    /// <exception cref="InvalidDataException">A document lacks what the protocol promises, or holds no usable key.</exception>
    public static async Task<BotFrameworkKeySet> FetchAsync(
        HttpClient http, string metadataUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string jwksUri;
        using (var metadata = await GetJsonAsync(http, metadataUrl, cancellationToken).ConfigureAwait(false))
        {
            jwksUri = metadata.RootElement.ValueKind == JsonValueKind.Object
                && metadata.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                    ? uri.GetString()!
                    : throw new InvalidDataException("The OpenID metadata document has no jwks_uri.");
        }

        // The keys decide who may talk to the bot, so they must not come over a spoofable connection.
        if (!TeamsOptionsValidator.IsSecureUrl(jwksUri))
        {
            throw new InvalidDataException($"The jwks_uri '{jwksUri}' is not an https URL.");
        }

        using var jwks = await GetJsonAsync(http, jwksUri, cancellationToken).ConfigureAwait(false);
        var keys = Parse(jwks.RootElement);
        return keys.Count > 0
            ? new BotFrameworkKeySet(keys, now)
            : throw new InvalidDataException("The JWKS holds no usable RSA signing key.");
    }

    private static Dictionary<string, BotFrameworkSigningKey> Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("keys", out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The JWKS has no keys array.");
        }

        var keys = new Dictionary<string, BotFrameworkSigningKey>(StringComparer.Ordinal);
        foreach (var element in array.EnumerateArray())
        {
            // A key with a duplicate id is ambiguous; the first one published is kept.
            if (TryRead(element) is { } key)
            {
                keys.TryAdd(key.KeyId, key);
            }
        }

        return keys;
    }

    private static BotFrameworkSigningKey? TryRead(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || Text(element, "kid") is not { Length: > 0 } kid
            || Text(element, "kty") != "RSA"
            || Text(element, "use") is { } use && use != "sig")
        {
            return null;
        }

        var hasModulus = Text(element, "n") is { Length: > 0 } && Text(element, "e") is { Length: > 0 };
        var hasCertificate = element.TryGetProperty("x5c", out var x5c) && x5c.ValueKind == JsonValueKind.Array
            && x5c.GetArrayLength() > 0;
        if (!hasModulus && !hasCertificate)
        {
            return null;
        }

        var endorsements = new HashSet<string>(StringComparer.Ordinal);
        if (element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var endorsement in list.EnumerateArray())
            {
                if (endorsement.ValueKind == JsonValueKind.String)
                {
                    endorsements.Add(endorsement.GetString()!);
                }
            }
        }

        try
        {
            return new BotFrameworkSigningKey(kid, new JsonWebKey(element.GetRawText()), endorsements);
        }
        catch (ArgumentException)
        {
            // One unreadable key must not take the others down with it.
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
