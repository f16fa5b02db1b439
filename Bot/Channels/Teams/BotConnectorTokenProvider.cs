using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.Chat;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>
/// The bot's access token for the Connector, from the client-credentials grant (<see cref="TeamsOptions.AppId"/>,
/// <see cref="TeamsOptions.AppPassword"/>, <see cref="TeamsOptions.Scope"/>), held in an <see cref="AccessTokenCache"/>.
/// A singleton: the token is reused until shortly before it expires, and concurrent callers share one request to
/// Entra ID.
/// </summary>
public sealed partial class BotConnectorTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<BotConnectorTokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "WealthActors.Teams.Token";
    private const string Operation = "Token request";

    private readonly AccessTokenCache _cache = new(timeProvider);

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default) =>
        await _cache.GetAsync(FetchAsync, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Drops <paramref name="staleToken"/> after the Connector refused it; a token another caller already replaced is
    /// kept, so a burst of refusals causes one refresh.
    /// </summary>
    public void Invalidate(string staleToken) => _cache.Invalidate(staleToken);

    private async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.AppId,
            ["client_secret"] = settings.AppPassword,
            ["scope"] = settings.Scope,
        });
        var http = httpClientFactory.CreateClient(HttpClientName);
        using var response = await http.PostAsync(settings.ResolveTokenEndpoint(), form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var (code, description) = await ReadOAuthErrorAsync(response, cancellationToken).ConfigureAwait(false);
            throw new BotConnectorException(Operation, response.StatusCode, code, description);
        }

        var body = await response.Content.ReadFromJsonAsync<TokenEndpointResponse>(BotFrameworkJson.Options, cancellationToken)
            .ConfigureAwait(false);
        var lifetime = Seconds(body?.ExpiresIn);
        if (string.IsNullOrEmpty(body?.AccessToken) || lifetime <= TimeSpan.Zero
            || !string.Equals(body.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new BotConnectorException(Operation, response.StatusCode, "invalid_response",
                "The answer lacks a Bearer access_token with a positive expires_in.");
        }

        LogTokenIssued(logger, lifetime);
        return new AccessToken(body.AccessToken, lifetime);
    }

    private static TimeSpan Seconds(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var n) => TimeSpan.FromSeconds(n),
        { ValueKind: JsonValueKind.String } text
            when long.TryParse(text.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            => TimeSpan.FromSeconds(n),
        _ => TimeSpan.Zero,
    };

    private static async Task<(string? Code, string? Description)> ReadOAuthErrorAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(
                await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var root = document.RootElement;
            return (Text(root, "error"), Text(root, "error_description"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Obtained a Bot Connector access token valid for {Lifetime}")]
    private static partial void LogTokenIssued(ILogger logger, TimeSpan lifetime);

    public void Dispose() => _cache.Dispose();
}
