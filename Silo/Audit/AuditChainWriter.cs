using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WealthActors.Audit;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>
/// This process's audit chain and its one writer. The chain is named when the process starts, so chains are partitioned
/// by silo process run and no silo ever waits for another's entries. An entry is sealed (numbered and hash-linked) as the
/// database's write batch that carries it is built, and its head moves only once that batch has committed
/// (<see cref="IAuditSealer"/>): the database's batches go one at a time, so the chain's order is the order of commits,
/// and a failed batch leaves no gap. An entry goes either in a unit of its own (<see cref="AppendAsync"/>) or in the
/// unit of the state write it records (<see cref="StateWriteAudit"/>), where it stands or falls with that write.
/// </summary>
internal sealed partial class AuditChainWriter : IAuditTrail, IAuditSealer
{
    private readonly IAuditStore _store;
    private readonly TimeProvider _clock;
    private readonly string _algorithm;
    private readonly ILogger<AuditChainWriter> _logger;
    private readonly Lock _chainLock = new();
    private Task? _chainRecorded;

    // Touched only between a batch's BeginBatchAsync and EndBatch, and batches go one at a time.
    private AuditChainHead _head;
    private AuditChainHead _sealing;
    private bool _headKnown = true;

    public AuditChainWriter(IAuditStore store, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditChainWriter> logger)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
        _algorithm = AuditHashAlgorithms.Canonical(options.Value.HashAlgorithm)
            ?? throw new OptionsValidationException(AuditOptions.Section, typeof(AuditOptions), [$"Unknown hash algorithm '{options.Value.HashAlgorithm}'."]);
        var startedAt = clock.GetUtcNow();
        Chain = new AuditChainInfo(NewChainId(startedAt), startedAt, Environment.MachineName);
        _head = _sealing = AuditChainHead.Genesis(Chain.ChainId);
        store.Attach(this);
    }

    public AuditChainInfo Chain { get; }

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await RecordChainAsync();
            await _store.AppendAsync(this, record).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AuditUnavailableException($"The audit entry for {record.Action} could not be committed.", ex);
        }
    }

    /// <summary>The chain's own row, written once before its first entry (again after a failure to write it).</summary>
    public Task RecordChainAsync()
    {
        // Every audited request asks: once the row is written, without taking the lock.
        if (Volatile.Read(ref _chainRecorded) is { IsCompletedSuccessfully: true } recorded)
        {
            return recorded;
        }

        lock (_chainLock)
        {
            if (_chainRecorded is null || _chainRecorded.IsFaulted || _chainRecorded.IsCanceled)
            {
                _chainRecorded = _store.RecordChainAsync(Chain);
            }

            return _chainRecorded;
        }
    }

    async ValueTask IAuditSealer.BeginBatchAsync()
    {
        if (!_headKnown)
        {
            // A failed commit may still have reached the database (the connection dropped after it): continue from
            // what is stored, never from what this process believes.
            _head = await _store.ReadHeadAsync(Chain.ChainId) ?? AuditChainHead.Genesis(Chain.ChainId);
            _headKnown = true;
        }

        _sealing = _head;
    }

    AuditEntry IAuditSealer.Seal(AuditRecord record)
    {
        // Timed as it is sealed: a chain's times then follow its sequence (as long as the clock does not go back), so
        // reading by time and reading by sequence agree.
        var entry = AuditChain.Seal(_sealing, record, _clock.GetUtcNow(), _algorithm);
        _sealing = entry.Head;
        return entry;
    }

    void IAuditSealer.EndBatch(bool committed)
    {
        if (_sealing.Sequence == _head.Sequence)
        {
            return;
        }

        if (committed)
        {
            _head = _sealing;
        }
        else
        {
            _headKnown = false;
            LogBatchFailed(_logger, Chain.ChainId, _sealing.Sequence - _head.Sequence, _head.Sequence + 1);
            _sealing = _head;
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit: chain {ChainId}: a batch with {Count} entries from sequence {Sequence} did not commit; they are sealed again, or fail, with their next batch")]
    private static partial void LogBatchFailed(ILogger logger, string chainId, long count, long sequence);
}

/// <summary><c>Audit:Enabled=false</c>, for benchmarks only: records nothing.</summary>
internal sealed class DisabledAuditTrail : IAuditTrail
{
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
