using CsCheck;
using WealthActors.Audit;
using WealthActors.Grains.Audit;
using static WealthActors.Grains.Tests.Audit.AuditTesting;

namespace WealthActors.Grains.Tests.Audit;

/// <summary>Over random chains: a sealed chain always verifies, and any one change to any entry is found at that entry or the next.</summary>
public sealed class AuditChainPropertyTests
{
    private static readonly Gen<string?> GenText = Gen.Select(Gen.Int[0, 3], Gen.String)
        .Select((kind, text) => kind switch { 0 => null, 1 => "", 2 => text, _ => (string?)"周杰 Zhou Jie =1+1" });

    private static readonly Gen<AuditRecord> GenRecord = Gen.Select(
        Gen.Select(Gen.String[1, 20], Gen.String[1, 40], Gen.String[1, 10]),
        Gen.Select(GenText, GenText, GenText, GenText),
        Gen.Select(GenText, GenText, GenText),
        (a, b, c) => new AuditRecord(a.Item1, a.Item2, a.Item3, b.Item1, b.Item2, b.Item3, b.Item4, c.Item1, c.Item2, c.Item3));

    private static readonly Gen<List<AuditEntry>> GenChain = Gen.Select(
            GenRecord.Array[1, 30], Gen.Bool.Array[30], Gen.Long[0, TimeSpan.FromDays(400).Ticks])
        .Select((records, sm3, offset) =>
        {
            var head = AuditChainHead.Genesis(ChainId);
            var entries = new List<AuditEntry>();
            for (var i = 0; i < records.Length; i++)
            {
                var entry = AuditChain.Seal(head, records[i], Start.AddTicks(offset + i), sm3[i] ? AuditHashAlgorithms.Sm3 : AuditHashAlgorithms.Sha256);
                entries.Add(entry);
                head = entry.Head;
            }

            return entries;
        });

    [Fact]
    public void Verify_AnySealedChain_Verifies() =>
        GenChain.Sample(chain =>
        {
            var report = Verify(chain, chain[^1].Head);
            Assert.True(report.Ok, report.Finding?.Reason);
            Assert.Equal(chain.Count, report.Verified);
        }, iter: 300);

    [Fact]
    public void Verify_AnyOneFieldChanged_IsFoundAtThatEntry() =>
        Gen.Select(GenChain, Gen.Int[0, 1000], Gen.Int[0, 13], Gen.String[1, 8])
            .Sample((chain, at, field, text) =>
            {
                var index = at % chain.Count;
                var entry = chain[index];
                var changed = Change(entry, field, text);
                if (changed == entry)
                {
                    return;
                }

                chain[index] = changed;
                var finding = Verify(chain).Finding;

                Assert.NotNull(finding);
                Assert.Equal(entry.Sequence, finding.Sequence);
            }, iter: 500);

    private static AuditEntry Change(AuditEntry e, int field, string text)
    {
        var r = e.Record;
        return field switch
        {
            0 => e with { Record = r with { Channel = r.Channel + text } },
            1 => e with { Record = r with { Action = text } },
            2 => e with { Record = r with { Outcome = r.Outcome + "x" } },
            3 => e with { Record = r with { EmployeeId = r.EmployeeId is null ? text : null } },
            4 => e with { Record = r with { KeyName = r.KeyName + text } },
            5 => e with { Record = r with { Door = r.Door is null ? "" : null } },
            6 => e with { Record = r with { ClientAddress = text } },
            7 => e with { Record = r with { TargetType = r.TargetType + "s" } },
            8 => e with { Record = r with { TargetId = r.TargetId is null ? text : r.TargetId + text } },
            9 => e with { Record = r with { Digest = AuditDigests.Of(text + r.Digest) } },
            10 => e with { At = e.At.AddMicroseconds(1) },
            11 => e with { PreviousHash = e.PreviousHash + "0" },
            12 => e with { Algorithm = e.Algorithm == AuditHashAlgorithms.Sha256 ? AuditHashAlgorithms.Sm3 : AuditHashAlgorithms.Sha256 },
            _ => e with { Hash = e.Hash[1..] + e.Hash[0] == e.Hash ? e.Hash + "0" : e.Hash[1..] + e.Hash[0] },
        };
    }
}
