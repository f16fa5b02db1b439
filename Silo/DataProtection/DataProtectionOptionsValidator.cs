using Microsoft.Extensions.Options;
using WealthActors.Silo.Storage;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// Checks the section's shape at start (ids, key lengths, algorithms, the current key), and that PostgreSQL mode has a
/// ring: silos sharing a database must share its keys, so none may make one of its own. Key values are never echoed.
/// </summary>
internal sealed class DataProtectionOptionsValidator(StorageProvider provider) : IValidateOptions<DataProtectionOptions>
{
    public const string MissingRingMessage =
        "Storage:Provider=PostgreSql needs a key ring that every silo shares, to seal personal data at rest: set " +
        "Security:DataProtection:Keys (each { Id, Key, Algorithm }; Key is base64 of 32 random bytes for AES-256-GCM or 16 for SM4-GCM) " +
        "and Security:DataProtection:CurrentKeyId, or Security:DataProtection:KeyFile naming a JSON file of the same shape.";

    public ValidateOptionsResult Validate(string? name, DataProtectionOptions options)
    {
        var failures = Problems(options.Keys, "Security:DataProtection:Keys").ToList();
        if (options.Keys.Count > 0 && options.KeyFile.Length == 0 && options.CurrentKeyId.Length == 0)
        {
            failures.Add("Security:DataProtection:CurrentKeyId must name the key new data is sealed with.");
        }

        if (options.CurrentKeyId.Length > 0 && options.KeyFile.Length == 0 && options.Keys.All(k => k.Id != options.CurrentKeyId))
        {
            failures.Add($"Security:DataProtection:CurrentKeyId '{options.CurrentKeyId}' is not among Security:DataProtection:Keys.");
        }

        if (provider == StorageProvider.PostgreSql && options.Keys.Count == 0 && options.KeyFile.Length == 0)
        {
            failures.Add(MissingRingMessage);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What is wrong with a list of keys, each problem naming the key's place under <paramref name="path"/>.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<DataKeyOptions> keys, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (!KeyIds.IsValid(key.Id))
            {
                yield return $"{path}:{i}:Id must be {KeyIds.Rule}.";
            }
            else if (!seen.Add(key.Id))
            {
                yield return $"{path}:{i}:Id '{key.Id}' appears twice.";
            }

            if (!SealingAlgorithms.TryParse(key.Algorithm, out var algorithm))
            {
                yield return $"{path}:{i}:Algorithm must be one of {string.Join(", ", SealingAlgorithms.Names)}.";
                continue;
            }

            if (KeyLength(key.Key) != SealingAlgorithms.KeySize(algorithm))
            {
                yield return $"{path}:{i}:Key must be base64 of {SealingAlgorithms.KeySize(algorithm)} bytes for {SealingAlgorithms.Name(algorithm)}.";
            }
        }
    }

    private static int KeyLength(string value)
    {
        Span<byte> buffer = stackalloc byte[64];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) ? written : -1;
    }
}
