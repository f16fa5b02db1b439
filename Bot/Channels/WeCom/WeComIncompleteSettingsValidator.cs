using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.WeCom;

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
