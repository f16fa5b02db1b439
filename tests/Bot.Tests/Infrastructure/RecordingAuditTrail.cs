using System.Collections.Concurrent;
using WealthActors.Audit;

namespace WealthActors.Bot.Tests.Infrastructure;

/// <summary>The audit trail as the bot sees it: every record appended, in order, committed at once (or refused, when told to).</summary>
public sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly ConcurrentQueue<AuditRecord> _records = new();

    public IReadOnlyList<AuditRecord> Records => [.. _records];

    /// <summary>While true, appends fail as a trail whose database is down would.</summary>
    public bool Unavailable { get; set; }

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (Unavailable)
        {
            return Task.FromException(new AuditUnavailableException("The test's audit trail is unavailable."));
        }

        _records.Enqueue(record);
        return Task.CompletedTask;
    }
}
