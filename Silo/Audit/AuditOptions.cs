using Microsoft.Extensions.Options;
using WealthActors.Grains.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// For benchmarks only (measuring what the trail costs): false records nothing. A deployment keeps the default.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>SHA256</c> (default) or <c>SM3</c>; each entry names its own, so a change applies from the next start.</summary>
    public string HashAlgorithm { get; set; } = AuditHashAlgorithms.Sha256;

    public static AuditOptions From(IConfiguration configuration)
    {
        var options = new AuditOptions();
        configuration.GetSection(Section).Bind(options);
        return options;
    }
}

internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options) =>
        AuditHashAlgorithms.Canonical(options.HashAlgorithm) is null
            ? ValidateOptionsResult.Fail(
                $"{AuditOptions.Section}:{nameof(AuditOptions.HashAlgorithm)} must be one of {string.Join(", ", AuditHashAlgorithms.All)} (it is '{options.HashAlgorithm}').")
            : ValidateOptionsResult.Success;
}
