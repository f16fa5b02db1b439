using Microsoft.Extensions.Options;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>
/// Checks every key once the channel is enabled and names the offending key, so a misconfigured deployment fails at
/// start instead of on the first message.
/// </summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    private const string Prefix = TeamsOptions.Section + ":";
    private static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        // Bot Framework app ids are Entra client ids; anything else is usually the password pasted in the wrong key.
        if (!Guid.TryParse(options.AppId, out _))
        {
            failures.Add($"{Prefix}AppId must be the bot's Microsoft App ID (a GUID)");
        }

        if (string.IsNullOrWhiteSpace(options.AppPassword))
        {
            failures.Add($"{Prefix}AppPassword is required");
        }

        if (options.TenantId is { } tenant && !IsTenant(tenant))
        {
            failures.Add($"{Prefix}TenantId must be a tenant GUID or domain name, or be left empty");
        }

        if (!IsSecureUrl(options.OpenIdMetadataUrl))
        {
            failures.Add($"{Prefix}OpenIdMetadataUrl must be an absolute https URL (http only on a loopback host)");
        }

        if (!string.IsNullOrWhiteSpace(options.TokenEndpoint) && !IsSecureUrl(options.TokenEndpoint))
        {
            failures.Add($"{Prefix}TokenEndpoint must be an absolute https URL (http only on a loopback host)");
        }

        if (string.IsNullOrWhiteSpace(options.Scope))
        {
            failures.Add($"{Prefix}Scope is required");
        }

        var refreshValid = options.SigningKeyRefreshInterval > TimeSpan.Zero && options.SigningKeyRefreshInterval <= MaxRefreshInterval;
        if (!refreshValid)
        {
            failures.Add($"{Prefix}SigningKeyRefreshInterval must be positive and at most {MaxRefreshInterval:c}");
        }

        // Compared with the refresh interval only when that one is sound, so one mistake yields one message.
        if (options.SigningKeyMinimumRefreshInterval <= TimeSpan.Zero
            || (refreshValid && options.SigningKeyMinimumRefreshInterval > options.SigningKeyRefreshInterval))
        {
            failures.Add($"{Prefix}SigningKeyMinimumRefreshInterval must be positive and at most SigningKeyRefreshInterval");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The app secret and the bot's tokens travel over these addresses, so plain http is only tolerated where nothing
    /// leaves the machine.
    /// </summary>
    internal static bool IsSecureUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static bool IsTenant(string tenant) =>
        Guid.TryParse(tenant, out _)
        || (tenant.Length is > 0 and <= 253 && tenant.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'));
}
