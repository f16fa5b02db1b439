using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using WealthActors.Audit;

namespace WealthActors.Grains.Audit;

/// <summary>
/// The bytes an audit entry's hash is computed over: a version tag, then every field of the entry except the hash, in
/// a fixed order, each as a 4-byte big-endian length and its UTF-8 text (a null field as length 0xFFFFFFFF, so null and
/// empty differ). Length prefixes make the encoding unambiguous: no two different entries share it, whatever their text
/// holds. Changing anything here breaks every stored chain: a new encoding needs a new version tag.
/// </summary>
public static class AuditCanonicalForm
{
    public const string Version = "wealthactors-audit/1";

    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static byte[] Encode(string chainId, long sequence, DateTimeOffset at, AuditRecord record, string algorithm, string previousHash)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Field(buffer, Version);
        Field(buffer, chainId);
        Field(buffer, sequence.ToString(CultureInfo.InvariantCulture));
        Field(buffer, Instant(at));
        Field(buffer, record.EmployeeId);
        Field(buffer, record.KeyName);
        Field(buffer, record.Door);
        Field(buffer, record.Channel);
        Field(buffer, record.ClientAddress);
        Field(buffer, record.Action);
        Field(buffer, record.TargetType);
        Field(buffer, record.TargetId);
        Field(buffer, record.Outcome);
        Field(buffer, record.Digest);
        Field(buffer, algorithm);
        Field(buffer, previousHash);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An instant as the encoding and the databases write it: UTC, whole microseconds.</summary>
    public static string Instant(DateTimeOffset at) => Truncate(at).UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>
    /// UTC and whole microseconds: PostgreSQL's <c>timestamptz</c> keeps no finer, and an entry must read back exactly
    /// as it was hashed.
    /// </summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    private static void Field(ArrayBufferWriter<byte> buffer, string? value)
    {
        var length = buffer.GetSpan(4);
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            buffer.Advance(4);
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes);
        buffer.Advance(4);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(bytes));
        buffer.Advance(bytes);
    }
}
