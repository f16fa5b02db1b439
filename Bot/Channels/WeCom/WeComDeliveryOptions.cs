using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>Configuration section <c>WeCom:Delivery</c>: how pushed messages are queued, paced and retried.</summary>
public sealed class WeComDeliveryOptions
{
    public const string Section = WeComOptions.Section + ":Delivery";

    /// <summary>Attempts per message, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>WeCom drops what an app sends one member beyond 30 messages a minute, so the sender paces itself.</summary>
    public int PerUserPerMinute { get; set; } = 30;

    /// <summary>Messages waiting to be sent; beyond this, new ones are dropped (the inbox still has them).</summary>
    public int QueueCapacity { get; set; } = 10_000;
}

public sealed class WeComDeliveryOptionsValidator : IValidateOptions<WeComDeliveryOptions>
{
    private const string Prefix = WeComDeliveryOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, WeComDeliveryOptions options)
    {
        var failures = new List<string>();
        if (options.MaxAttempts is < 1 or > 20)
        {
            failures.Add($"{Prefix}MaxAttempts must be between 1 and 20");
        }

        if (options.FirstRetryDelay <= TimeSpan.Zero || options.FirstRetryDelay > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Prefix}FirstRetryDelay must be positive and at most 00:10:00");
        }

        if (options.PerUserPerMinute is < 1 or > 30)
        {
            failures.Add($"{Prefix}PerUserPerMinute must be between 1 and 30 (WeCom's own limit)");
        }

        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"{Prefix}QueueCapacity must be between 1 and 1000000");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// The channel switches on with <c>WeCom:CorpId</c>; settings given without it are a half-done configuration that
/// would silently leave WeCom off, so start-up refuses it and names the missing key.
/// </summary>
public sealed class WeComIncompleteSettingsValidator : IValidateOptions<WeComOptions>
{
    public ValidateOptionsResult Validate(string? name, WeComOptions options) =>
        !options.Enabled && (options.AgentId != 0 || !string.IsNullOrEmpty(options.Secret)
            || !string.IsNullOrEmpty(options.Token) || !string.IsNullOrEmpty(options.EncodingAesKey))
            ? ValidateOptionsResult.Fail($"{WeComOptions.Section}:CorpId is required when other {WeComOptions.Section} settings are given")
            : ValidateOptionsResult.Success;
}
