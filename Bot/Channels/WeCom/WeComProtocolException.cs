namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// Base of the failures caused by what arrived on the callback (bad ciphertext, bad XML): the endpoint answers them
/// with 400 and never retries, unlike transport or configuration errors.
/// </summary>
public abstract class WeComProtocolException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>Why a ciphertext was refused.</summary>
public enum WeComCryptoError
{
    InvalidBase64,
    InvalidLength,
    InvalidPadding,
    InvalidReceiveId,
    InvalidUtf8,
}

/// <summary>The ciphertext could not be decrypted into a message addressed to this corp.</summary>
public sealed class WeComCryptoException(WeComCryptoError error, string message, Exception? innerException = null)
    : WeComProtocolException(message, innerException)
{
    public WeComCryptoError Error { get; } = error;
}

/// <summary>The callback XML is malformed, too large, carries a DTD, or lacks a required element.</summary>
public sealed class WeComXmlException(string message, Exception? innerException = null)
    : WeComProtocolException(message, innerException);
