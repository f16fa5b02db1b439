using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WealthActors.Audit;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>
/// This process's audit chain and its one writer. The chain is named when the process starts, so chains are partitioned
/// by silo process run and no silo ever waits for another's entries. Entries are sealed and written in batches: while one
/// batch is being committed, new records queue, and the next batch takes them all in one transaction; each caller hears
/// once its own entry is committed. Batches go one at a time, so the chain's sequence numbers and hash links follow the
/// order of commits, and the head moves only after a commit: a failed batch leaves no gap, its records are sealed again
/// (or fail) in the next.
/// </summary>
internal sealed partial class AuditChainWriter : IAuditTrail
{
    // Large enough that a burst of commands shares one commit; one batch stays one statement's worth of rows.
    private const int MaxBatch = 256;

    private readonly IAuditStore _store;
    private readonly TimeProvider _clock;
    private readonly string _algorithm;
    private readonly ILogger<AuditChainWriter> _logger;
    private readonly WriteBatcher<AuditRecord, bool> _batches;
    private AuditChainHead _head;
    private bool _headKnown = true;
    private bool _chainRecorded;

    public AuditChainWriter(IAuditStore store, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditChainWriter> logger)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
        _algorithm = AuditHashAlgorithms.Canonical(options.Value.HashAlgorithm)
            ?? throw new OptionsValidationException(AuditOptions.Section, typeof(AuditOptions), [$"Unknown hash algorithm '{options.Value.HashAlgorithm}'."]);
        var startedAt = clock.GetUtcNow();
        Chain = new AuditChainInfo(NewChainId(startedAt), startedAt, Environment.MachineName);
        _head = AuditChainHead.Genesis(Chain.ChainId);
        _batches = new WriteBatcher<AuditRecord, bool>(WriteBatch, MaxBatch);
    }

    public AuditChainInfo Chain { get; }

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _batches.Enqueue(record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AuditUnavailableException($"The audit entry for {record.Action} could not be committed.", ex);
        }
    }

    /// <summary>
    /// Seals the records onto the chain after the committed head and writes them in one transaction. Runs one batch at
    /// a time (<see cref="WriteBatcher{TWrite, TResult}"/>), so the head needs no lock.
    /// </summary>
    private async Task<IReadOnlyList<bool>> WriteBatch(IReadOnlyList<AuditRecord> batch)
    {
        if (!_headKnown)
        {
            // A failed commit may still have reached the database (the connection dropped after it): continue from
            // what is stored, never from what this process believes.
            var stored = await _store.ReadHeadAsync(Chain.ChainId);
            _head = stored ?? AuditChainHead.Genesis(Chain.ChainId);
            _chainRecorded = stored is not null;
            _headKnown = true;
        }

        var head = _head;
        var entries = new AuditEntry[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            // Timed as it is sealed, a moment after the door handed it over: a chain's times then follow its sequence
            // (as long as the clock does not go back), so reading by time and reading by sequence agree.
            entries[i] = AuditChain.Seal(head, batch[i], _clock.GetUtcNow(), _algorithm);
            head = entries[i].Head;
        }

        try
        {
            await _store.AppendAsync(_chainRecorded ? null : Chain, entries);
        }
        catch (Exception ex)
        {
            _headKnown = false;
            LogBatchFailed(_logger, ex, Chain.ChainId, entries.Length, entries[0].Sequence);
            throw;
        }

        _head = head;
        _chainRecorded = true;
        var done = new bool[batch.Count];
        Array.Fill(done, true);
        return done;
    }

    /// <summary>Start time, host and 64 random bits: readable, sorted by start, and unique without asking anyone.</summary>
    internal static string NewChainId(DateTimeOffset startedAt)
    {
        var host = HostCharacters().Replace(Environment.MachineName.ToLowerInvariant(), "-").Trim('-');
        host = host.Length == 0 ? "host" : host[..Math.Min(host.Length, 32)];
        return $"{startedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{host}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex HostCharacters();

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit: chain {ChainId} could not commit {Count} entries from sequence {Sequence}; their doors answer 503")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string chainId, int count, long sequence);
}

/// <summary><c>Audit:Enabled=false</c>, for benchmarks only: records nothing.</summary>
internal sealed class DisabledAuditTrail : IAuditTrail
{
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
