using WealthActors.Grains.Audit;
using static WealthActors.Grains.Tests.Audit.AuditTesting;

namespace WealthActors.Grains.Tests.Audit;

/// <summary>Every kind of tampering with a chain is found, at the first entry it affects, with the reason it shows.</summary>
public sealed class AuditChainVerifierTests
{
    [Fact]
    public void Verify_UntouchedChain_VerifiesEveryEntry()
    {
        var chain = Chain(20);

        var report = Verify(chain);

        Assert.True(report.Ok);
        Assert.Equal(20, report.Verified);
        Assert.Equal(chain[^1].Head, report.Head);
    }

    [Fact]
    public void Verify_EmptyChain_IsOkWithNoHead()
    {
        var report = Verify([]);

        Assert.True(report.Ok);
        Assert.Equal(0, report.Verified);
        Assert.Null(report.Head);
    }

    [Fact]
    public void Verify_ChainMixingAlgorithms_Verifies()
    {
        var chain = Chain(9, AuditHashAlgorithms.Sha256, AuditHashAlgorithms.Sm3, AuditHashAlgorithms.Sm3);

        Assert.True(Verify(chain).Ok);
        Assert.Equal(64, chain.Single(e => e.Sequence == 2).Hash.Length);
        Assert.Equal(AuditHashAlgorithms.Sm3, chain[1].Algorithm);
    }

    [Fact]
    public void Verify_EditedField_NamesTheEditedEntry()
    {
        var chain = Chain(10);
        chain[4] = chain[4] with { Record = chain[4].Record with { Outcome = "403" } };

        var finding = Verify(chain).Finding;

        Assert.Equal((ChainId, 5L, AuditFault.HashMismatch), (finding!.ChainId, finding.Sequence, finding.Fault));
        Assert.Contains("edited", finding.Reason);
    }

    [Theory]
    [InlineData("at")]
    [InlineData("algorithm")]
    [InlineData("hash")]
    public void Verify_EditedSealField_NamesTheEntry(string field)
    {
        var chain = Chain(6);
        chain[2] = field switch
        {
            "at" => chain[2] with { At = chain[2].At.AddSeconds(-30) },
            "algorithm" => chain[2] with { Algorithm = AuditHashAlgorithms.Sm3 },
            _ => chain[2] with { Hash = new string('0', 64) },
        };

        var report = Verify(chain);

        Assert.Equal(3, report.Finding!.Sequence);
        Assert.Equal(2, report.Verified);
    }

    [Fact]
    public void Verify_EditCoveredByResealingTheEntry_BreaksTheNextLink()
    {
        var chain = Chain(10);
        chain[4] = chain[4] with { Record = chain[4].Record with { EmployeeId = "E-covered" } };
        chain[4] = chain[4] with { Hash = AuditChain.ComputeHash(chain[4]) };

        var finding = Verify(chain).Finding!;

        Assert.Equal((6L, AuditFault.PreviousHashMismatch), (finding.Sequence, finding.Fault));
    }

    [Fact]
    public void Verify_DeletedEntry_NamesTheEntryAfterTheGap()
    {
        var chain = Chain(10);
        chain.RemoveAt(3);

        var finding = Verify(chain).Finding!;

        Assert.Equal((5L, AuditFault.SequenceGap), (finding.Sequence, finding.Fault));
        Assert.Contains("entry 4 is missing", finding.Reason);
    }

    [Fact]
    public void Verify_DeletedFirstEntries_NamesTheFirstRemaining()
    {
        var chain = Chain(10).Skip(3);

        var finding = Verify(chain).Finding!;

        Assert.Equal((4L, AuditFault.SequenceGap), (finding.Sequence, finding.Fault));
        Assert.Contains("entries 1–3 are missing", finding.Reason);
    }

    [Fact]
    public void Verify_DeletedEntryWithLaterOnesRenumbered_BreaksTheLink()
    {
        var chain = Chain(10);
        chain.RemoveAt(3);
        for (var i = 3; i < chain.Count; i++)
        {
            chain[i] = chain[i] with { Sequence = chain[i].Sequence - 1 };
        }

        var finding = Verify(chain).Finding!;

        Assert.Equal((4L, AuditFault.PreviousHashMismatch), (finding.Sequence, finding.Fault));
    }

    [Fact]
    public void Verify_InsertedForgedEntryWithLaterOnesRenumbered_NamesTheEntryAfterIt()
    {
        var chain = Chain(10);
        // A forger who knows the algorithm seals a proper-looking entry 5 after entry 4 and moves the rest up by one.
        var forged = AuditChain.Seal(chain[3].Head, Record(99) with { EmployeeId = "E-forged" }, chain[3].At, AuditHashAlgorithms.Sha256);
        var tampered = chain.Take(4).Append(forged).Concat(chain.Skip(4).Select(e => e with { Sequence = e.Sequence + 1 })).ToList();

        var finding = Verify(tampered).Finding!;

        Assert.Equal((6L, AuditFault.PreviousHashMismatch), (finding.Sequence, finding.Fault));
        Assert.Contains("inserted", finding.Reason);
    }

    [Fact]
    public void Verify_InsertedEntryReusingASequenceNumber_IsOutOfOrder()
    {
        var chain = Chain(6);
        chain.Insert(3, chain[2] with { Record = Record(50) });

        var finding = Verify(chain).Finding!;

        Assert.Equal((3L, AuditFault.SequenceOutOfOrder), (finding.Sequence, finding.Fault));
    }

    [Fact]
    public void Verify_TwoEntriesSwapped_NamesTheFirstPlaceOfTheSwap()
    {
        var chain = Chain(10);
        // Rows keep their contents and trade sequence numbers, so reading in sequence order meets entry 7 at place 3.
        var three = chain[2];
        var seven = chain[6];
        chain[2] = seven with { Sequence = 3 };
        chain[6] = three with { Sequence = 7 };

        var finding = Verify(chain).Finding!;

        Assert.Equal((3L, AuditFault.PreviousHashMismatch), (finding.Sequence, finding.Fault));
        Assert.Contains("reordered", finding.Reason);
    }

    [Fact]
    public void Verify_EntryOfAnotherChain_IsNamed()
    {
        var chain = Chain(4);
        chain[1] = chain[1] with { ChainId = "other" };

        Assert.Equal(AuditFault.WrongChain, Verify(chain).Finding!.Fault);
    }

    [Fact]
    public void Verify_UnknownAlgorithm_IsNamed()
    {
        var chain = Chain(4);
        chain[3] = chain[3] with { Algorithm = "MD5" };

        var finding = Verify(chain).Finding!;

        Assert.Equal((4L, AuditFault.UnknownAlgorithm), (finding.Sequence, finding.Fault));
    }

    [Fact]
    public void Verify_TruncatedTail_PassesAloneButNotAgainstTheDigest()
    {
        var chain = Chain(10);
        var head = chain[^1].Head;
        var truncated = chain.Take(7).ToList();

        var alone = Verify(truncated);
        var finding = Verify(truncated, head).Finding!;

        Assert.True(alone.Ok);
        Assert.Equal((8L, AuditFault.Truncated), (finding.Sequence, finding.Fault));
        Assert.Contains("entries 8–10 were deleted from its tail", finding.Reason);
    }

    [Fact]
    public void Verify_WholeChainDeleted_IsMissingAgainstTheDigest()
    {
        var head = Chain(3)[^1].Head;

        var finding = Verify([], head).Finding!;

        Assert.Equal((1L, AuditFault.ChainMissing), (finding.Sequence, finding.Fault));
    }

    [Fact]
    public void Verify_ChainRewrittenFromAnEdit_PassesAloneButNotAgainstTheDigest()
    {
        var chain = Chain(10);
        var head = chain[^1].Head;
        chain[4] = chain[4] with { Record = chain[4].Record with { Outcome = "ok" } };
        var rewritten = Reseal(chain, 4);

        Assert.True(Verify(rewritten).Ok);
        var finding = Verify(rewritten, head).Finding!;
        Assert.Equal((10L, AuditFault.HeadMismatch), (finding.Sequence, finding.Fault));
    }

    [Fact]
    public void Verify_ChainThatWentOnAfterTheDigest_Verifies()
    {
        var chain = Chain(12);

        var report = Verify(chain, chain[7].Head);

        Assert.True(report.Ok);
        Assert.Equal(12, report.Verified);
    }

    [Fact]
    public void Verifier_AfterAFault_IgnoresLaterEntries()
    {
        var chain = Chain(5);
        chain[1] = chain[1] with { Hash = "bad" };
        var verifier = new AuditChainVerifier(ChainId);

        var added = chain.Select(verifier.Add).ToList();

        Assert.Equal([true, false, false, false, false], added);
        Assert.Equal(1, verifier.Verified);
        Assert.Equal(2, verifier.Finish().Finding!.Sequence);
    }

    [Fact]
    public void Verifier_ExpectedHeadOfAnotherChain_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new AuditChainVerifier(ChainId, AuditChainHead.Genesis("other")));
}
