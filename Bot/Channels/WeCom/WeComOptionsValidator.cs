using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// Checks every key once the channel is enabled, and names the offending key, so a misconfigured deployment fails
/// at start with a message an operator can act on instead of failing on the first callback.
/// </summary>
public sealed class WeComOptionsValidator : IValidateOptions<WeComOptions>
{
    private const string Prefix = WeComOptions.Section + ":";
    private const int MaxTokenLength = 32;
    private static readonly TimeSpan MaxReplayWindow = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, WeComOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.AgentId <= 0)
        {
            failures.Add($"{Prefix}AgentId must be a positive integer");
        }

        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            failures.Add($"{Prefix}Secret is required");
        }

        // WeCom's console only issues tokens of at most 32 letters and digits.
        if (string.IsNullOrEmpty(options.Token) || options.Token.Length > MaxTokenLength
            || !options.Token.All(char.IsAsciiLetterOrDigit))
        {
            failures.Add($"{Prefix}Token must be 1 to {MaxTokenLength} letters or digits");
        }

        if (WeComEncodingAesKey.Describe(options.EncodingAesKey) is { } keyProblem)
        {
            failures.Add(keyProblem);
        }

        if (!IsHttpUrl(options.ApiBaseUrl))
        {
            failures.Add($"{Prefix}ApiBaseUrl must be an absolute http or https URL");
        }

        foreach (var (key, url) in new[] { ("OAuthAuthorizeUrl", options.OAuthAuthorizeUrl), ("QrLoginUrl", options.QrLoginUrl) })
        {
            // The sign-in link appends its own query, so the page's address may not carry one.
            if (!IsHttpUrl(url) || url.Contains('?', StringComparison.Ordinal) || url.Contains('#', StringComparison.Ordinal))
            {
                failures.Add($"{Prefix}{key} must be an absolute http or https URL without a query");
            }
        }

        // A long window weakens replay protection and grows the de-duplication memory.
        if (options.ReplayWindow <= TimeSpan.Zero || options.ReplayWindow > MaxReplayWindow)
        {
            failures.Add($"{Prefix}ReplayWindow must be positive and at most {MaxReplayWindow:c}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed)
        && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp);
}
