using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace WealthActors.Testing.Identity;

/// <summary>
/// A real OpenID Connect provider on a loopback port, standing in for the bank's (Keycloak, Entra ID, ADFS): discovery
/// document, signing keys, the authorization code flow with PKCE for console sign-in, and the password grant so tests
/// can obtain a person's access token directly. OpenIddict's server, in its degraded mode (no store): the clients and
/// people it knows are the ones below.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string Audience = "wealthactors-api";
    public const string ConsoleClientId = "wealthactors-console";
    public const string ConsoleClientSecret = "console-secret-0123456789";
    public const string TestClientId = "wealthactors-tests";
    public const string Password = "correct horse battery staple";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    private TestIdentityProvider(WebApplication app, Uri authority)
    {
        _app = app;
        Authority = authority;
    }

    public Uri Authority { get; }

    /// <summary>The person whose browser session the provider has (who an authorization request signs in).</summary>
    public string? SignedInEmployee { get; set; }

    /// <summary>The settings a Silo needs to trust this provider (bearer tokens and console sign-in).</summary>
    public IReadOnlyDictionary<string, string?> SiloSettings => new Dictionary<string, string?>
    {
        ["Auth:Jwt:Authority"] = Authority.ToString().TrimEnd('/'),
        ["Auth:Jwt:Audience"] = Audience,
        ["Auth:Jwt:RequireHttpsMetadata"] = "false",
        ["Auth:Oidc:ClientId"] = ConsoleClientId,
        ["Auth:Oidc:ClientSecret"] = ConsoleClientSecret,
    };

    /// <summary>The same settings as environment variables, as an operator sets them for a Silo process.</summary>
    public Dictionary<string, string> SiloEnvironment() =>
        SiloSettings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!);

    public static async Task<TestIdentityProvider> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var provider = (TestIdentityProvider?)null;
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowPasswordFlow();
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            options.EnableDegradedMode();
            options.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .DisableTransportSecurityRequirement();
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ConsoleClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                var known = (context.ClientId, context.Request.IsPasswordGrantType()) switch
                {
                    (TestClientId, true) => true,
                    (ConsoleClientId, false) => context.Request.ClientSecret == ConsoleClientSecret,
                    _ => false,
                };
                if (!known)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                }

                return default;
            }));
        });

        var app = builder.Build();
        app.MapGet("/connect/authorize", (HttpContext http) =>
        {
            var employee = provider!.SignedInEmployee;
            return employee is null
                ? Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme])
                : SignIn(employee, http.GetOpenIddictServerRequest()!);
        });
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            if (request.IsPasswordGrantType())
            {
                return request.Password == Password
                    ? SignIn(request.Username!, request)
                    : Results.Forbid(
                        new AuthenticationProperties(new Dictionary<string, string?>
                        {
                            [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                        }),
                        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            // The authorization code carries the identity signed in at the authorization endpoint.
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        provider = new TestIdentityProvider(app, new Uri(address.TrimEnd('/') + "/"));
        return provider;
    }

    /// <summary>An access token for <paramref name="employeeId"/>, obtained from the provider (password grant), cached.</summary>
    public async Task<string> TokenFor(string employeeId)
    {
        if (_tokens.TryGetValue(employeeId, out var cached))
        {
            return cached;
        }

        using var http = new HttpClient { BaseAddress = Authority };
        var response = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.Password,
            ["client_id"] = TestClientId,
            ["username"] = employeeId,
            ["password"] = Password,
            ["scope"] = "openid profile",
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The provider refused a token for {employeeId}: {body}");
        }

        return _tokens[employeeId] = body.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static IResult SignIn(string employeeId, OpenIddictRequest request)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, $"user-{employeeId}"));
        identity.AddClaim(new Claim(Claims.Name, $"Test person {employeeId}"));
        identity.AddClaim(new Claim("employee_id", employeeId));
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        principal.SetResources(Audience);
        return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
