namespace WealthActors.Bot.Channels.Teams;

/// <summary>Configuration section <c>Teams</c>. The channel is off while <see cref="AppId"/> is empty.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenEndpoint = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";
    public const string DefaultScope = "https://api.botframework.com/.default";

    /// <summary>The bot's Microsoft App ID (the Entra app registration's client id); the audience of inbound tokens.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The app registration's client secret, used for the client-credentials grant.</summary>
    public string AppPassword { get; set; } = string.Empty;

    /// <summary>Set for a single-tenant bot: tokens are then requested from that tenant instead of botframework.com.</summary>
    public string? TenantId { get; set; }

    /// <summary>The Bot Framework OpenID metadata document; tests point this at a local fake.</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Leave empty to derive it from <see cref="TenantId"/> (see <see cref="ResolveTokenEndpoint"/>).</summary>
    public string? TokenEndpoint { get; set; }

    public string Scope { get; set; } = DefaultScope;

    /// <summary>Signing keys are refetched at least this often; at most a day so a revoked key stops working within a day.</summary>
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The least time between two fetches caused by a token naming an unknown key, so a flood of made-up key ids
    /// cannot make the bot hammer the metadata endpoint.
    /// </summary>
    public TimeSpan SigningKeyMinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>
    /// The explicit <see cref="TokenEndpoint"/>, else the tenant's endpoint when <see cref="TenantId"/> is set, else the
    /// multi-tenant botframework.com endpoint.
    /// </summary>
    public string ResolveTokenEndpoint() =>
        !string.IsNullOrWhiteSpace(TokenEndpoint) ? TokenEndpoint
        : !string.IsNullOrWhiteSpace(TenantId) ? $"https://login.microsoftonline.com/{Uri.EscapeDataString(TenantId)}/oauth2/v2.0/token"
        : DefaultTokenEndpoint;
}
