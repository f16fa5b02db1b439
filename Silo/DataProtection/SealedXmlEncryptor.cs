using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// Seals a cookie key's secret with the personal-data key ring before it is stored, so the table of session keys gives
/// nothing to whoever reads the database without the ring (the same protection, and the same key file or
/// configuration, as grain state). The element's name is authenticated with it.
/// </summary>
internal sealed class SealedXmlEncryptor(PayloadSealer sealer) : IXmlEncryptor
{
    public const string ElementName = "sealedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = sealer.Seal(plaintext, Context);
        return new EncryptedXmlInfo(new XElement(ElementName, Convert.ToBase64String(sealedBytes)), typeof(SealedXmlDecryptor));
    }

    internal static ReadOnlySpan<byte> Context => "wa_session_keys"u8;
}

/// <summary>Opens what <see cref="SealedXmlEncryptor"/> sealed; Data Protection creates it by type with the services.</summary>
internal sealed class SealedXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var sealer = services.GetRequiredService<PayloadSealer>();
        var plaintext = sealer.Open(Convert.FromBase64String(encryptedElement.Value), SealedXmlEncryptor.Context);
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
