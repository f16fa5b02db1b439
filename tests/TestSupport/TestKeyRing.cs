using WealthActors.Silo.DataProtection;

namespace WealthActors.Testing;

/// <summary>
/// Fixed keys for tests that seal personal data at rest: as configuration (for a Silo, in both the configuration and
/// the environment-variable spelling) and as a sealer for the read models built directly.
/// </summary>
internal static class TestKeyRing
{
    public const string KeyId = "test-a";

    /// <summary>32 bytes 0x01..0x20, base64: AES-256-GCM.</summary>
    public static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    /// <summary>The configuration of a ring holding <paramref name="keys"/>, sealing with <paramref name="current"/>.</summary>
    public static Dictionary<string, string?> Settings(string current, params (string Id, string Key, string Algorithm)[] keys)
    {
        var settings = new Dictionary<string, string?> { ["Security:DataProtection:CurrentKeyId"] = current };
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Security:DataProtection:Keys:{i}:Id"] = keys[i].Id;
            settings[$"Security:DataProtection:Keys:{i}:Key"] = keys[i].Key;
            settings[$"Security:DataProtection:Keys:{i}:Algorithm"] = keys[i].Algorithm;
        }

        return settings;
    }

    /// <summary>The configuration of the one test key.</summary>
    public static Dictionary<string, string?> Settings() => Settings(KeyId, (KeyId, Key, SealingAlgorithms.Aes256GcmName));

    /// <summary>The same ring as environment variables, as an operator sets them for a Silo process.</summary>
    public static Dictionary<string, string> Environment() =>
        Settings().ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!);

    public static PayloadSealer Sealer() =>
        new(new KeyRing([new DataKey(KeyId, SealingAlgorithm.Aes256Gcm, Convert.FromBase64String(Key))], KeyId));
}
