using System.Security.Cryptography;
using WealthActors.Silo.Storage;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// Builds the ring from configuration and the key file, once, at start. The key file is
/// <c>Security:DataProtection:KeyFile</c> or, in SQLite mode, the one beside the database; the embedded default makes
/// that file when no key is configured at all, so data is sealed from the first write.
/// </summary>
internal static class KeyRingBuilder
{
    public sealed record Result(KeyRing Ring, string? KeyFile, bool KeyFileCreated);

    public static Result Build(DataProtectionOptions options, StorageProvider provider, string contentRoot, string? databaseFile, DateTimeOffset now)
    {
        var configured = options.Keys;
        var keyFile = options.KeyFile.Length > 0
            ? Path.GetFullPath(options.KeyFile, contentRoot)
            : provider == StorageProvider.Sqlite && databaseFile is not null ? KeyFile.BesideDatabase(databaseFile) : null;

        KeyFile.Content? fromFile = null;
        var created = false;
        if (keyFile is not null)
        {
            if (File.Exists(keyFile) || options.KeyFile.Length > 0)
            {
                fromFile = KeyFile.Load(keyFile);
            }
            else if (configured.Count == 0)
            {
                fromFile = KeyFile.Create(keyFile, now);
                created = true;
            }
        }

        var entries = configured.Select(k => (Options: k, Source: "Security:DataProtection:Keys"))
            .Concat((fromFile?.Keys ?? []).Select(k => (Options: k, Source: $"the key file '{keyFile}'")))
            .ToList();
        if (entries.Count == 0)
        {
            throw new InvalidOperationException(DataProtectionOptionsValidator.MissingRingMessage);
        }

        var duplicate = entries.GroupBy(e => e.Options.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Key id '{duplicate.Key}' is defined twice ({string.Join(" and ", duplicate.Select(e => e.Source).Distinct())}); give each key its own id.");
        }

        var current = options.CurrentKeyId.Length > 0 ? options.CurrentKeyId : fromFile?.CurrentKeyId ?? "";
        if (entries.All(e => e.Options.Id != current))
        {
            throw new InvalidOperationException(current.Length == 0
                ? "Security:DataProtection:CurrentKeyId (or the key file's CurrentKeyId) must name the key new data is sealed with."
                : $"The current key '{current}' is in neither Security:DataProtection:Keys nor the key file.");
        }

        var keys = entries.Select(e => Key(e.Options)).ToList();
        return new Result(new KeyRing(keys, current), keyFile, created);
    }

    private static DataKey Key(DataKeyOptions options)
    {
        if (!SealingAlgorithms.TryParse(options.Algorithm, out var algorithm))
        {
            throw new InvalidOperationException($"Unknown sealing algorithm '{options.Algorithm}'.");
        }

        var material = Convert.FromBase64String(options.Key.Trim());
        try
        {
            return new DataKey(options.Id, algorithm, material);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }
}
