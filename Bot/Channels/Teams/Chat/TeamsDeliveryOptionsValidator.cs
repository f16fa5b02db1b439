using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>Names every out-of-range <c>Teams:Delivery</c> key, so start-up fails with a message an operator can act on.</summary>
public sealed class TeamsDeliveryOptionsValidator : IValidateOptions<TeamsDeliveryOptions>
{
    private const string Prefix = TeamsDeliveryOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, TeamsDeliveryOptions options)
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

        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"{Prefix}QueueCapacity must be between 1 and 1000000");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
