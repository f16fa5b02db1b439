using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WealthActors.Audit;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Silo.Tests.Audit;

/// <summary>The chain's writer: time from the injected clock, one chain from many callers, and no gap after a failed commit.</summary>
public sealed class AuditChainWriterTests
{
    private static readonly AuditRecord Record = new(AuditChannels.Http, "client.upsert", "200", KeyName: "core");

    private static AuditChainWriter Writer(IAuditStore store, TimeProvider clock, string algorithm = "sha256") =>
        new(store, clock, Options.Create(new AuditOptions { HashAlgorithm = algorithm }), NullLogger<AuditChainWriter>.Instance);

    [Fact]
    public async Task AppendAsync_StampsTheInjectedClock_AndNamesTheChainByItsStart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        var store = new InMemoryAuditStore();
        var writer = Writer(store, clock);
        clock.Advance(TimeSpan.FromMinutes(5));

        await writer.AppendAsync(Record);

        var entry = Assert.Single(await store.ReadChainAsync(writer.Chain.ChainId).ToListAsync());
        Assert.Equal(clock.GetUtcNow(), entry.At);
        Assert.Equal(AuditHashAlgorithms.Sha256, entry.Algorithm);
        Assert.StartsWith("20261102T010000Z-", writer.Chain.ChainId);
        Assert.Matches("-[0-9a-f]{16}$", writer.Chain.ChainId);
    }

    [Fact]
    public async Task AppendAsync_ManyCallersAtOnce_FormOneChain_WithItsRowWrittenOnce()
    {
        var store = new CountingStore(new InMemoryAuditStore());
        var writer = Writer(store, TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => writer.AppendAsync(Record with { TargetId = $"C{i}" }))));

        var report = AuditChainVerifier.Verify(writer.Chain.ChainId, await store.ReadChainAsync(writer.Chain.ChainId).ToListAsync());
        Assert.True(report.Ok);
        Assert.Equal(500, report.Verified);
        Assert.Equal(1, store.NewChains);
    }

    [Fact]
    public async Task AppendAsync_StoreFails_IsUnavailable_ThenContinuesWithoutAGap()
    {
        var store = new CountingStore(new InMemoryAuditStore());
        var writer = Writer(store, TimeProvider.System, "SM3");
        await writer.AppendAsync(Record);

        store.Failing = true;
        await Assert.ThrowsAsync<AuditUnavailableException>(() => writer.AppendAsync(Record));
        store.Failing = false;
        await writer.AppendAsync(Record);

        var entries = await store.ReadChainAsync(writer.Chain.ChainId).ToListAsync();
        Assert.Equal([1L, 2L], entries.Select(e => e.Sequence));
        Assert.True(AuditChainVerifier.Verify(writer.Chain.ChainId, entries).Ok);
    }

    [Fact]
    public async Task AppendAsync_CommitThatReachedTheDatabaseButFailed_ContinuesFromWhatIsStored()
    {
        var store = new CountingStore(new InMemoryAuditStore());
        var writer = Writer(store, TimeProvider.System);
        await writer.AppendAsync(Record);

        // The connection dropped after the server committed: the caller heard a failure, the entry is there.
        store.FailAfterWriting = true;
        await Assert.ThrowsAsync<AuditUnavailableException>(() => writer.AppendAsync(Record));
        store.FailAfterWriting = false;
        await writer.AppendAsync(Record);

        var entries = await store.ReadChainAsync(writer.Chain.ChainId).ToListAsync();
        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Sequence));
        Assert.True(AuditChainVerifier.Verify(writer.Chain.ChainId, entries).Ok);
    }

    [Fact]
    public void Options_UnknownAlgorithm_FailsValidationNamingTheKey()
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions { HashAlgorithm = "MD5" });

        Assert.True(result.Failed);
        Assert.Contains("Audit:HashAlgorithm", result.FailureMessage);
    }

    private sealed class CountingStore(IAuditStore inner) : IAuditStore
    {
        private int _newChains;

        public int NewChains => Volatile.Read(ref _newChains);

        public bool Failing { get; set; }

        public bool FailAfterWriting { get; set; }

        public Task AppendAsync(AuditChainInfo? newChain, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(newChain, entries, cancellationToken);

        public void Attach(IAuditSealer sealer) => inner.Attach(sealer);

        public Task RecordChainAsync(AuditChainInfo chain)
        {
            Interlocked.Increment(ref _newChains);
            return inner.RecordChainAsync(chain);
        }

        public async Task AppendAsync(IAuditSealer sealer, AuditRecord record)
        {
            if (Failing)
            {
                throw new InvalidOperationException("The database is down.");
            }

            await inner.AppendAsync(sealer, record);
            if (FailAfterWriting)
            {
                throw new InvalidOperationException("The connection dropped after the commit.");
            }
        }

        public Task<AuditChainHead?> ReadHeadAsync(string chainId, CancellationToken cancellationToken = default) =>
            Failing ? throw new InvalidOperationException("The database is down.") : inner.ReadHeadAsync(chainId, cancellationToken);

        public Task<IReadOnlyList<string>> ChainIdsAsync(CancellationToken cancellationToken = default) => inner.ChainIdsAsync(cancellationToken);

        public IAsyncEnumerable<AuditEntry> ReadChainAsync(string chainId, CancellationToken cancellationToken = default) =>
            inner.ReadChainAsync(chainId, cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(query, cancellationToken);
    }
}
