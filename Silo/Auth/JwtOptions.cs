namespace WealthActors.Silo.Auth;

/// <summary>
/// Configuration section <c>Auth:Jwt</c>: people's bearer tokens from the bank's OpenID Connect provider. Empty
/// <see cref="Authority"/> leaves bearer tokens off (API keys only).
/// </summary>
public sealed class JwtOptions
{
    public const string Section = "Auth:Jwt";

    /// <summary>The provider's issuer; its metadata is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The audience tokens must be issued for (the API's resource or client id at the provider).</summary>
    public string Audience { get; set; } = "";

    /// <summary>Metadata and keys only over HTTPS; <c>false</c> is accepted only for a provider on this machine.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim holding the employee id of <c>PUT /api/employees/{id}</c>.</summary>
    public string EmployeeClaim { get; set; } = "employee_id";

    /// <summary>
    /// Development only (<c>--demo</c>): a base64 HMAC key that the Silo itself signs people's tokens with, issuer
    /// <see cref="DevelopmentIssuer"/>, so a demo needs no identity provider. Refused outside the Development environment.
    /// </summary>
    public string DevelopmentSigningKey { get; set; } = "";

    public const string DevelopmentIssuer = "wealthactors-development";

    public const string DevelopmentAudience = "wealthactors";

    public bool Enabled => Authority.Length > 0 || DevelopmentSigningKey.Length > 0;

    internal IEnumerable<string> Problems()
    {
        if (!Enabled || Authority.Length == 0)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return "Auth:Jwt:Authority must be an absolute http(s) address.";
            yield break;
        }

        if (Audience.Length == 0)
        {
            yield return "Auth:Jwt:Audience is required with Auth:Jwt:Authority.";
        }

        if (EmployeeClaim.Length == 0)
        {
            yield return "Auth:Jwt:EmployeeClaim must not be empty.";
        }

        if (!RequireHttpsMetadata && !authority.IsLoopback)
        {
            yield return "Auth:Jwt:RequireHttpsMetadata may be false only for a provider on this machine (a loopback address).";
        }
    }
}

/// <summary>
/// Configuration section <c>Auth:Oidc</c>: signing people into the web pages (authorization code flow) with the same
/// provider as <see cref="JwtOptions"/>. Empty <see cref="ClientId"/> leaves console sign-in off.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Auth:Oidc";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>How long a console session lasts without use.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    public bool Enabled => ClientId.Length > 0;
}
