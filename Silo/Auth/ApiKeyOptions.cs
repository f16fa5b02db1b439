using System.Security.Cryptography;
using System.Text;

namespace WealthActors.Silo.Auth;

/// <summary>Configuration section <c>Auth</c>: the API keys systems present in <c>X-Api-Key</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

/// <summary>
/// One system's key. Configuration should hold only its hash (<see cref="KeyHash"/>, <c>sha256:</c> and 64 hex digits,
/// as <c>dotnet run --project Silo -- hash-key</c> prints it), so a leaked settings file or environment listing gives
/// no working key; a plain <see cref="Key"/> is still accepted and hashed in memory at start. Keys are long random
/// strings, so one SHA-256 is enough: there is no small space of likely keys to search.
/// </summary>
public sealed class ApiKeyEntry
{
    public const string HashPrefix = "sha256:";

    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    public string KeyHash { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    /// <summary>Path prefixes the key may be used on (e.g. <c>/api/clients</c>); empty: every route its roles allow.</summary>
    public List<string> Routes { get; set; } = [];

    public static string Hash(string key) =>
        HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private byte[]? _digest;

    /// <summary>The SHA-256 this key is matched by, from <see cref="KeyHash"/> or else from <see cref="Key"/>.</summary>
    public byte[] Digest() => _digest ??= KeyHash.Length > 0
        ? Convert.FromHexString(KeyHash[HashPrefix.Length..])
        : SHA256.HashData(Encoding.UTF8.GetBytes(Key));

    public bool IsWellFormed() =>
        (Key.Length >= 16 && KeyHash.Length == 0)
        || (Key.Length == 0 && KeyHash.StartsWith(HashPrefix, StringComparison.Ordinal)
            && KeyHash.Length == HashPrefix.Length + 64 && KeyHash[HashPrefix.Length..].All(char.IsAsciiHexDigit));

    public bool Allows(PathString path) => Routes.Count == 0 || Routes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The roles an API key can carry.</summary>
public static class ApiRoles
{
    public const string System = "System";
    public const string Advisor = "Advisor";
    public const string Manager = "Manager";
    public const string Compliance = "Compliance";
    public const string Admin = "Admin";

    public static readonly string[] All = [System, Advisor, Manager, Compliance, Admin];
}
