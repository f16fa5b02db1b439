using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>Names every out-of-range <c>Teams:Delivery</c> key, so start-up fails with a message an operator can act on.</summary>
public sealed class TeamsDeliveryOptionsValidator : IValidateOptions<TeamsDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsDeliveryOptions options)
    {
        var failures = options.CommonFailures(TeamsDeliveryOptions.Section + ":").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
