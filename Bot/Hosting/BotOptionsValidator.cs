using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Hosting;

/// <summary>Keeps the passive-reply budget inside the 5 seconds WeCom waits for a callback's answer; a user may send at least one command a minute.</summary>
public sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public static readonly TimeSpan MaxPassiveReplyBudget = TimeSpan.FromSeconds(4);

    public ValidateOptionsResult Validate(string? name, BotOptions options) =>
        options.PassiveReplyBudget < TimeSpan.Zero || options.PassiveReplyBudget > MaxPassiveReplyBudget
            ? ValidateOptionsResult.Fail($"{BotOptions.Section}:PassiveReplyBudget must be between 0 and {MaxPassiveReplyBudget:c}")
            : options.CommandsPerMinute < 1
                ? ValidateOptionsResult.Fail($"{BotOptions.Section}:CommandsPerMinute must be at least 1")
                : ValidateOptionsResult.Success;
}
