using WealthActors.Audit;
using WealthActors.Grains.Audit;
using static WealthActors.Grains.Tests.Audit.AuditTesting;

namespace WealthActors.Grains.Tests.Audit;

public sealed class AuditCanonicalFormTests
{
    private static byte[] Encode(AuditRecord record, string chain = ChainId, long sequence = 1, string previous = "") =>
        AuditCanonicalForm.Encode(chain, sequence, Start, record, AuditHashAlgorithms.Sha256, previous);

    [Fact]
    public void Encode_NullAndEmptyField_Differ()
    {
        var withNull = Record(1) with { TargetId = null };
        var withEmpty = Record(1) with { TargetId = "" };

        Assert.NotEqual(Encode(withNull), Encode(withEmpty));
    }

    [Fact]
    public void Encode_TextMovedAcrossAFieldBoundary_Differs()
    {
        var one = Record(1) with { TargetType = "complaint", TargetId = "X1" };
        var other = Record(1) with { TargetType = "complaintX", TargetId = "1" };

        Assert.NotEqual(Encode(one), Encode(other));
    }

    [Fact]
    public void Encode_SameEntry_IsTheSameBytesEveryTime() =>
        Assert.Equal(Encode(Record(3)), Encode(Record(3) with { }));

    [Fact]
    public void Encode_EveryField_TakesPart()
    {
        var record = Record(1);
        var baseline = Convert.ToHexString(Encode(record));
        AuditRecord[] changed =
        [
            record with { Channel = "wecom" }, record with { Action = "complaint.resolve" }, record with { Outcome = "409" },
            record with { EmployeeId = "E9" }, record with { KeyName = "other" }, record with { Door = "bearer" },
            record with { ClientAddress = "10.0.0.1" }, record with { TargetType = "client" }, record with { TargetId = "X" },
            record with { Digest = AuditDigests.Of("other") },
        ];
        var variants = changed.Select(r => Convert.ToHexString(Encode(r)))
            .Append(Convert.ToHexString(Encode(record, chain: "other-chain")))
            .Append(Convert.ToHexString(Encode(record, sequence: 2)))
            .Append(Convert.ToHexString(Encode(record, previous: "00")))
            .Append(Convert.ToHexString(AuditCanonicalForm.Encode(ChainId, 1, Start.AddMicroseconds(1), record, AuditHashAlgorithms.Sha256, "")))
            .Append(Convert.ToHexString(AuditCanonicalForm.Encode(ChainId, 1, Start, record, AuditHashAlgorithms.Sm3, "")))
            .ToList();

        Assert.DoesNotContain(baseline, variants);
        Assert.Equal(variants.Count, variants.Distinct().Count());
    }

    [Fact]
    public void Encode_ChineseText_IsUtf8WithByteLengths()
    {
        var record = Record(1) with { TargetId = "周杰" };

        var bytes = Encode(record);

        // "周杰" is six UTF-8 bytes; its length prefix says 6, not 2.
        var text = System.Text.Encoding.UTF8.GetBytes("周杰");
        var at = bytes.AsSpan().IndexOf(text);
        Assert.True(at >= 4);
        Assert.Equal(new byte[] { 0, 0, 0, 6 }, bytes[(at - 4)..at]);
    }

    [Fact]
    public void Instant_AnyOffsetAndTicks_IsUtcInWholeMicroseconds()
    {
        var local = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8)).AddTicks(1234567);

        Assert.Equal("2026-11-02T01:00:00.123456Z", AuditCanonicalForm.Instant(local));
        Assert.Equal(AuditCanonicalForm.Truncate(local), AuditCanonicalForm.ParseInstant(AuditCanonicalForm.Instant(local)));
        Assert.Equal(TimeSpan.Zero, AuditCanonicalForm.Truncate(local).Offset);
    }

    [Fact]
    public void Seal_TimeWithTicksBelowAMicrosecond_HashesWhatTheDatabaseKeeps()
    {
        var entry = AuditChain.Seal(AuditChainHead.Genesis(ChainId), Record(1), Start.AddTicks(7), AuditHashAlgorithms.Sha256);

        Assert.Equal(Start, entry.At);
        Assert.Equal(entry.Hash, AuditChain.ComputeHash(entry with { At = AuditCanonicalForm.ParseInstant(AuditCanonicalForm.Instant(entry.At)) }));
    }
}
