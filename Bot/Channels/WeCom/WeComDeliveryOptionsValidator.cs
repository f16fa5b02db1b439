using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>Names every out-of-range <c>WeCom:Delivery</c> key, so start-up fails with a message an operator can act on.</summary>
public sealed class WeComDeliveryOptionsValidator : IValidateOptions<WeComDeliveryOptions>
{
    private const string Prefix = WeComDeliveryOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, WeComDeliveryOptions options)
    {
        var failures = options.CommonFailures(Prefix).ToList();
        if (options.PerUserPerMinute is < 1 or > 30)
        {
            failures.Add($"{Prefix}PerUserPerMinute must be between 1 and 30 (WeCom's own limit)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
