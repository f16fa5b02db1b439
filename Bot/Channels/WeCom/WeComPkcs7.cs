namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// PKCS#7 with a 32-byte block, as WXBizMsgCrypt writes it. The AES block is 16 bytes, so a pad of 17..32 is legal
/// here yet refused by .NET's PKCS7 mode; the cipher therefore runs without padding and this class does it.
/// </summary>
internal static class WeComPkcs7
{
    public const int BlockSize = 32;

    public static int PadLength(int dataLength) => BlockSize - (dataLength % BlockSize);

    /// <summary>Writes the padding into <paramref name="destination"/> right after <paramref name="dataLength"/> bytes.</summary>
    public static void Pad(Span<byte> destination, int dataLength)
    {
        var pad = PadLength(dataLength);
        destination.Slice(dataLength, pad).Fill((byte)pad);
    }

    /// <summary>Length of the data without its padding, or -1 when the padding is not well formed.</summary>
    public static int UnpaddedLength(ReadOnlySpan<byte> padded)
    {
        if (padded.IsEmpty)
        {
            return -1;
        }

        var pad = padded[^1];
        if (pad is 0 or > BlockSize || pad > padded.Length)
        {
            return -1;
        }

        // Every pad byte must carry the pad value; a single check of the last byte would accept corrupted blocks.
        return padded[^pad..].ContainsAnyExcept(pad) ? -1 : padded.Length - pad;
    }
}
