using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>
/// The Bot Framework signing keys, read from the JWKS that the OpenID metadata document names. A singleton: keys are
/// refetched when older than <see cref="TeamsOptions.SigningKeyRefreshInterval"/> and when a token names an unknown key
/// (a rotation), but unknown keys trigger at most one fetch per <see cref="TeamsOptions.SigningKeyMinimumRefreshInterval"/>
/// so forged key ids cannot turn the bot into a load generator against the metadata endpoint.
/// </summary>
/// <remarks>
/// Not IdentityModel's <c>ConfigurationManager&lt;OpenIdConnectConfiguration&gt;</c>, though it reads the same two
/// documents: the endorsements would survive it (a <c>JsonWebKey</c> keeps unknown members in <c>AdditionalData</c>),
/// but its refresh policy is not the one <see cref="BotFrameworkTokenValidator"/> relies on. Its clock cannot be
/// injected, so the scheduled refresh, the guard against unknown key ids and the failed-fetch backoff could not run on
/// the Bot Framework's clock (<see cref="TeamsServiceCollectionExtensions.Clock"/>); it adds random jitter to its
/// automatic refresh, so a withdrawn key could outlive <see cref="TeamsOptions.SigningKeyRefreshInterval"/>; and while
/// refreshes fail it keeps returning the last configuration however old, where this cache stops accepting keys older
/// than <see cref="MaxStaleness"/>.
/// </remarks>
public sealed partial class BotFrameworkSigningKeyCache(
    IHttpClientFactory httpClientFactory,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<BotFrameworkSigningKeyCache> logger) : IDisposable
{
    public const string HttpClientName = "WealthActors.Teams.OpenIdMetadata";

    /// <summary>How long the last good keys stay usable while refreshes fail: the period the Bot Framework SDK caches them.</summary>
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromDays(5);

    /// <summary>A failed fetch is retried on demand, but not more often than this.</summary>
    public static readonly TimeSpan FailedFetchBackoff = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _fetchGate = new(1, 1);
    private BotFrameworkKeySet? _keys;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private bool _lastAttemptFailed;

    private enum Trigger
    {
        Schedule,
        UnknownKey,
    }

    /// <summary>The key with id <paramref name="keyId"/>, or null when the Bot Framework does not publish it.</summary>
    /// <exception cref="BotFrameworkMetadataUnavailableException">No usable key set could be loaded.</exception>
    public async ValueTask<BotFrameworkSigningKey?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var keys = Volatile.Read(ref _keys);
        if (keys is null || IsDue(keys))
        {
            keys = await RefreshAsync(Trigger.Schedule, cancellationToken).ConfigureAwait(false);
        }

        if (keys?.Find(keyId) is { } known)
        {
            return known;
        }

        keys = await RefreshAsync(Trigger.UnknownKey, cancellationToken).ConfigureAwait(false);
        return keys?.Find(keyId);
    }

    private bool IsDue(BotFrameworkKeySet keys) =>
        timeProvider.GetUtcNow() - keys.FetchedAt >= options.Value.SigningKeyRefreshInterval;

    private async Task<BotFrameworkKeySet?> RefreshAsync(Trigger trigger, CancellationToken cancellationToken)
    {
        await _fetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _keys;
            if (MayFetch(trigger, current))
            {
                await FetchAsync(cancellationToken).ConfigureAwait(false);
                current = _keys;
            }

            if (current is null || timeProvider.GetUtcNow() - current.FetchedAt > MaxStaleness)
            {
                throw new BotFrameworkMetadataUnavailableException(
                    current is null
                        ? "The Bot Framework signing keys could not be loaded."
                        : $"The Bot Framework signing keys are older than {MaxStaleness.TotalDays} days and cannot be refreshed.");
            }

            return current;
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    // Called under the gate, so a caller that waited sees what the previous holder fetched and does not fetch again.
    private bool MayFetch(Trigger trigger, BotFrameworkKeySet? current)
    {
        var sinceAttempt = timeProvider.GetUtcNow() - _lastAttempt;
        if (_lastAttemptFailed && sinceAttempt < FailedFetchBackoff)
        {
            return false;
        }

        return trigger == Trigger.Schedule
            ? current is null || IsDue(current)
            : sinceAttempt >= options.Value.SigningKeyMinimumRefreshInterval;
    }

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _lastAttempt = timeProvider.GetUtcNow();
        try
        {
            var http = httpClientFactory.CreateClient(HttpClientName);
            var keys = await BotFrameworkKeySet.FetchAsync(http, settings.OpenIdMetadataUrl, _lastAttempt, cancellationToken)
                .ConfigureAwait(false);
            Volatile.Write(ref _keys, keys);
            _lastAttemptFailed = false;
            LogKeysFetched(logger, keys.Count, settings.OpenIdMetadataUrl);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsFetchFailure(ex))
        {
            _lastAttemptFailed = true;
            LogFetchFailed(logger, ex, settings.OpenIdMetadataUrl);
        }
    }

    private static bool IsFetchFailure(Exception ex) =>
        ex is HttpRequestException or System.Text.Json.JsonException or InvalidDataException or OperationCanceledException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} Bot Framework signing keys via {MetadataUrl}")]
    private static partial void LogKeysFetched(ILogger logger, int count, string metadataUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the Bot Framework signing keys via {MetadataUrl}")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, string metadataUrl);

    public void Dispose() => _fetchGate.Dispose();
}
