using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace WealthActors.Testing.Teams;

/// <summary>
/// A local stand-in for login.botframework.com on a real Kestrel socket: an OpenID metadata document whose jwks_uri
/// points at a JWKS of locally generated RSA keys, each with its endorsements, and counters of what was fetched.
/// </summary>
public sealed class FakeBotFrameworkIdentity : IAsyncDisposable
{
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";
    public const string KeysPath = "/v1/.well-known/keys";

    private static readonly Lazy<RSA>[] RsaPool = [.. Enumerable.Range(0, 6).Select(_ => new Lazy<RSA>(() => RSA.Create(2048)))];

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<PublishedKey> _published = [];
    private int _metadataFetches;
    private int _keyFetches;

    private FakeBotFrameworkIdentity(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;
    public string MetadataUrl => new Uri(BaseAddress, MetadataPath).ToString();
    public int MetadataFetches => Volatile.Read(ref _metadataFetches);
    public int KeyFetches => Volatile.Read(ref _keyFetches);

    /// <summary>Answer every request with 503, as during an outage.</summary>
    public bool Failing { get; set; }

    /// <summary>Published before the real keys, verbatim: keys of other kinds or broken ones.</summary>
    public List<JsonObject> ExtraKeys { get; } = [];

    /// <summary>Overrides the jwks_uri the metadata names.</summary>
    public string? JwksUriOverride { get; set; }

    public static async Task<FakeBotFrameworkIdentity> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeBotFrameworkIdentity(app);
        app.MapGet(MetadataPath, server.Metadata);
        app.MapGet(KeysPath, server.Keys);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>
    /// An RSA key under <paramref name="kid"/>, not (yet) published. Keys with different <paramref name="slot"/>s differ;
    /// the RSA pairs are generated once per test run because 2048-bit generation takes up to seconds.
    /// </summary>
    public static RsaSecurityKey NewKey(string kid, int slot) => new(RsaPool[slot].Value) { KeyId = kid };

    /// <summary>Publishes <paramref name="key"/> in the JWKS with the given endorsements.</summary>
    public RsaSecurityKey Publish(RsaSecurityKey key, params string[] endorsements)
    {
        lock (_lock)
        {
            _published.Add(new PublishedKey(key, endorsements));
        }

        return key;
    }

    public RsaSecurityKey Publish(string kid, int slot, params string[] endorsements) => Publish(NewKey(kid, slot), endorsements);

    public void Withdraw(string kid)
    {
        lock (_lock)
        {
            _published.RemoveAll(k => k.Key.KeyId == kid);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Metadata()
    {
        Interlocked.Increment(ref _metadataFetches);
        if (Failing)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Json(new JsonObject
        {
            ["issuer"] = "https://api.botframework.com",
            ["jwks_uri"] = JwksUriOverride ?? new Uri(BaseAddress, KeysPath).ToString(),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        });
    }

    private IResult Keys()
    {
        Interlocked.Increment(ref _keyFetches);
        if (Failing)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var keys = new JsonArray([.. ExtraKeys.Select(k => (JsonNode)k.DeepClone())]);
        lock (_lock)
        {
            foreach (var published in _published)
            {
                var parameters = published.Key.Rsa.ExportParameters(includePrivateParameters: false);
                keys.Add(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = published.Key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    ["endorsements"] = new JsonArray([.. published.Endorsements.Select(e => (JsonNode)e)]),
                });
            }
        }

        return Json(new JsonObject { ["keys"] = keys });
    }

    private static IResult Json(JsonObject value) => Results.Content(value.ToJsonString(), "application/json");

    private sealed record PublishedKey(RsaSecurityKey Key, string[] Endorsements);
}
