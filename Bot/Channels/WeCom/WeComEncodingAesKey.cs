namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// The 43-character EncodingAESKey from the WeCom admin console: Base64 of the 32-byte AES key without its '='.
/// Shared by the crypto constructor and the options validator so both report the same problem the same way.
/// </summary>
public static class WeComEncodingAesKey
{
    public const int Length = 43;
    public const string SettingName = "WeCom:EncodingAesKey";

    /// <summary>Returns null when <paramref name="encodingAesKey"/> is usable, otherwise a message naming the setting.</summary>
    public static string? Describe(string? encodingAesKey)
    {
        if (string.IsNullOrEmpty(encodingAesKey) || encodingAesKey.Length != Length)
        {
            return $"{SettingName} must be {Length} characters";
        }

        foreach (var c in encodingAesKey)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '/')
            {
                return $"{SettingName} must contain only Base64 characters (A-Z, a-z, 0-9, '+', '/')";
            }
        }

        return null;
    }

    /// <summary>Decodes the key; throws <see cref="ArgumentException"/> naming the setting when it is malformed.</summary>
    public static byte[] Decode(string encodingAesKey)
    {
        var problem = Describe(encodingAesKey);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(encodingAesKey));
        }

        return Convert.FromBase64String(encodingAesKey + "=");
    }
}
