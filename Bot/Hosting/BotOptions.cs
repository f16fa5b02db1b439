using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Hosting;

/// <summary>Configuration section <c>Bot</c>.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>
    /// How long a chat callback waits for the answer before it replies later instead. WeCom gives up on a callback
    /// after 5 seconds and retries it, so a slow command must never hold the answer that long.
    /// </summary>
    public TimeSpan PassiveReplyBudget { get; set; } = TimeSpan.FromMilliseconds(1500);
}

public sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public static readonly TimeSpan MaxPassiveReplyBudget = TimeSpan.FromSeconds(4);

    public ValidateOptionsResult Validate(string? name, BotOptions options) =>
        options.PassiveReplyBudget < TimeSpan.Zero || options.PassiveReplyBudget > MaxPassiveReplyBudget
            ? ValidateOptionsResult.Fail($"{BotOptions.Section}:PassiveReplyBudget must be between 0 and {MaxPassiveReplyBudget:c}")
            : ValidateOptionsResult.Success;
}
