using WealthActors.Audit;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Testing.Contracts;

/// <summary>
/// Tampering with a stored chain the way someone with access to the database would, and `audit verify` (its
/// <see cref="AuditVerification"/>) naming the entry: run against SQLite here and against PostgreSQL in the integration
/// tests. Each test writes a chain of its own through the product's writer.
/// </summary>
public abstract class AuditTamperContract
{
    protected const int Entries = 10;

    internal abstract IAuditStore Store { get; }

    /// <summary>Runs SQL on the database directly, as an administrator would.</summary>
    protected abstract Task ExecuteAsync(string sql);

    /// <summary>Takes off the append-only guard (triggers) first, as someone set on tampering would.</summary>
    protected abstract Task DisableAppendOnlyAsync();

    protected abstract Task EnableAppendOnlyAsync();

    internal AuditChainWriter NewWriter(string algorithm = AuditHashAlgorithms.Sha256) => AuditTestChains.Writer(Store, algorithm);

    internal Task<string> WriteChain(string algorithm = AuditHashAlgorithms.Sha256) => AuditTestChains.Write(Store, Entries, algorithm);

    private async Task<AuditChainReport> Verify(string chainId, IReadOnlyList<AuditChainHead>? digest = null)
    {
        var report = await new AuditVerification(Store).VerifyAsync(digest);
        return report.Chains.Single(c => c.ChainId == chainId);
    }

    private async Task<AuditChainHead> Head(string chainId) => (await Verify(chainId)).Head!;

    private async Task Tamper(string sql)
    {
        await DisableAppendOnlyAsync();
        await ExecuteAsync(sql);
    }

    private static void AssertFinding(AuditChainReport report, long sequence, AuditFault fault)
    {
        Assert.NotNull(report.Finding);
        Assert.Equal((sequence, fault), (report.Finding.Sequence, report.Finding.Fault));
    }

    [Fact]
    public async Task Untampered_ChainWrittenInBatches_Verifies()
    {
        var chain = await WriteChain();

        var report = await Verify(chain);

        Assert.True(report.Ok, report.Finding?.Reason);
        Assert.Equal(Entries, report.Verified);
    }

    [Fact]
    public async Task Sm3Chain_Verifies_AndNamesItsAlgorithm()
    {
        var chain = await WriteChain(AuditHashAlgorithms.Sm3);

        var report = await Verify(chain);

        Assert.True(report.Ok, report.Finding?.Reason);
        Assert.Equal(AuditHashAlgorithms.Sm3, report.Head!.Algorithm);
    }

    [Fact]
    public async Task AppendOnly_UpdateAndDelete_AreRefusedByTheDatabase()
    {
        await EnableAppendOnlyAsync();
        var chain = await WriteChain();

        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync($"UPDATE audit_entries SET outcome = '200' WHERE chain_id = '{chain}'"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync($"DELETE FROM audit_entries WHERE chain_id = '{chain}'"));
        Assert.True((await Verify(chain)).Ok);
    }

    [Fact]
    public async Task EditedField_IsNamed()
    {
        var chain = await WriteChain();

        await Tamper($"UPDATE audit_entries SET outcome = '403' WHERE chain_id = '{chain}' AND sequence = 5");

        AssertFinding(await Verify(chain), 5, AuditFault.HashMismatch);
    }

    [Fact]
    public async Task DeletedEntry_IsNamed()
    {
        var chain = await WriteChain();

        await Tamper($"DELETE FROM audit_entries WHERE chain_id = '{chain}' AND sequence = 4");

        AssertFinding(await Verify(chain), 5, AuditFault.SequenceGap);
    }

    [Fact]
    public async Task InsertedEntry_WithLaterOnesRenumbered_IsNamed()
    {
        var chain = await WriteChain();
        var before = await Store.ReadChainAsync(chain).Where(e => e.Sequence == 5).SingleAsync();
        // Make room at 6 (through negative numbers: the primary key is checked row by row), then seal a forged entry there.
        await Tamper($"""
            UPDATE audit_entries SET sequence = -(sequence + 1) WHERE chain_id = '{chain}' AND sequence >= 6;
            UPDATE audit_entries SET sequence = -sequence WHERE chain_id = '{chain}' AND sequence < 0;
            """);
        var forged = AuditChain.Seal(before.Head, before.Record with { EmployeeId = "E-forged" }, before.At, before.Algorithm);
        await Store.AppendAsync(null, [forged]);

        AssertFinding(await Verify(chain), 7, AuditFault.PreviousHashMismatch);
    }

    [Fact]
    public async Task SwappedEntries_AreNamed()
    {
        var chain = await WriteChain();

        await Tamper($"""
            UPDATE audit_entries SET sequence = -1 WHERE chain_id = '{chain}' AND sequence = 3;
            UPDATE audit_entries SET sequence = 3 WHERE chain_id = '{chain}' AND sequence = 7;
            UPDATE audit_entries SET sequence = 7 WHERE chain_id = '{chain}' AND sequence = -1;
            """);

        AssertFinding(await Verify(chain), 3, AuditFault.PreviousHashMismatch);
    }

    [Fact]
    public async Task TruncatedTail_IsNamedOnlyAgainstADigest()
    {
        var chain = await WriteChain();
        var digest = await Head(chain);

        await Tamper($"DELETE FROM audit_entries WHERE chain_id = '{chain}' AND sequence > 7");

        Assert.True((await Verify(chain)).Ok);
        AssertFinding(await Verify(chain, [digest]), 8, AuditFault.Truncated);
    }

    [Fact]
    public async Task RewrittenChain_IsNamedOnlyAgainstADigest()
    {
        var chain = await WriteChain();
        var digest = await Head(chain);
        var entries = await Store.ReadChainAsync(chain).ToListAsync();

        // Someone who knows the algorithm edits entry 9 and seals 9 and 10 again: the chain checks out by itself.
        await Tamper($"DELETE FROM audit_entries WHERE chain_id = '{chain}' AND sequence >= 9");
        var nine = AuditChain.Seal(entries[7].Head, entries[8].Record with { Outcome = "200-edited" }, entries[8].At, entries[8].Algorithm);
        var ten = AuditChain.Seal(nine.Head, entries[9].Record, entries[9].At, entries[9].Algorithm);
        await Store.AppendAsync(null, [nine, ten]);

        Assert.True((await Verify(chain)).Ok);
        AssertFinding(await Verify(chain, [digest]), 10, AuditFault.HeadMismatch);
    }

    [Fact]
    public async Task WholeChainDeleted_IsNamedOnlyAgainstADigest()
    {
        var chain = await WriteChain();
        var digest = await Head(chain);

        await Tamper($"DELETE FROM audit_entries WHERE chain_id = '{chain}'");

        AssertFinding(await Verify(chain, [digest]), 1, AuditFault.ChainMissing);
    }

    [Fact]
    public async Task Writer_NewProcessRun_StartsANewChain()
    {
        var first = await WriteChain();
        var second = await WriteChain();

        Assert.NotEqual(first, second);
        var ids = await Store.ChainIdsAsync();
        Assert.Contains(first, ids);
        Assert.Contains(second, ids);
    }

    [Fact]
    public async Task Query_FiltersByActorAndTarget_AndPagesByKeyset()
    {
        var writer = NewWriter();
        var actor = $"E{Guid.NewGuid():N}"[..12];
        foreach (var i in Enumerable.Range(1, 5))
        {
            await writer.AppendAsync(new AuditRecord(AuditChannels.WeCom, "complaint.notes", AuditOutcomes.Ok, EmployeeId: actor,
                TargetType: "complaint", TargetId: i % 2 == 0 ? "CMP-EVEN" : "CMP-ODD"));
        }

        var newest = await Store.QueryAsync(new AuditQuery(Actor: actor, Limit: 2));
        var next = await Store.QueryAsync(new AuditQuery(Actor: actor, Limit: 2, After: AuditCursor.Of(newest[^1])));
        var odd = await Store.QueryAsync(new AuditQuery(Actor: actor, TargetType: "complaint", TargetId: "CMP-ODD", Ascending: true));
        var from = await Store.QueryAsync(new AuditQuery(Actor: actor, From: odd[1].At, To: odd[2].At));

        Assert.Equal([5L, 4L], newest.Select(e => e.Sequence));
        Assert.Equal([3L, 2L], next.Select(e => e.Sequence));
        Assert.Equal([1L, 3L, 5L], odd.Select(e => e.Sequence));
        Assert.Equal([4L, 3L], from.Select(e => e.Sequence));
        Assert.Equal(newest[0], (await Store.ReadChainAsync(writer.Chain.ChainId).ToListAsync())[^1]);
    }
}
