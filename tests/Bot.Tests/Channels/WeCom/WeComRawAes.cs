using System.Security.Cryptography;

namespace WealthActors.Bot.Tests.Channels.WeCom;

/// <summary>AES-256-CBC without padding under an EncodingAESKey, to look inside ciphertexts and to forge bad ones.</summary>
internal static class WeComRawAes
{
    public static byte[] Decrypt(string encodingAesKey, byte[] cipher)
    {
        using var aes = Create(encodingAesKey, out var iv);
        return aes.DecryptCbc(cipher, iv, PaddingMode.None);
    }

    public static string Encrypt(string encodingAesKey, byte[] paddedPlaintext)
    {
        using var aes = Create(encodingAesKey, out var iv);
        return Convert.ToBase64String(aes.EncryptCbc(paddedPlaintext, iv, PaddingMode.None));
    }

    private static Aes Create(string encodingAesKey, out byte[] iv)
    {
        var key = Convert.FromBase64String(encodingAesKey + "=");
        iv = key[..16];
        var aes = Aes.Create();
        aes.Key = key;
        return aes;
    }
}
