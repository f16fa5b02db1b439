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

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Prefix}ApiBaseUrl must be an absolute http or https URL");
        }

        // A long window weakens replay protection and grows the de-duplication memory.
        if (options.ReplayWindow <= TimeSpan.Zero || options.ReplayWindow > MaxReplayWindow)
        {
            failures.Add($"{Prefix}ReplayWindow must be positive and at most {MaxReplayWindow:c}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
