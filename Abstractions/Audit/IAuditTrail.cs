namespace WealthActors.Audit;

/// <summary>
/// The tamper-evident audit trail. A door records a command once its outcome is known and before it answers: the
/// returned task completes only when the entry is committed, so nothing acknowledged is unaudited.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends <paramref name="record"/> to this process's chain; completes once the entry is committed.</summary>
    /// <exception cref="AuditUnavailableException">The entry could not be committed.</exception>
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);
}

/// <summary>The audit trail could not commit an entry; the door must not answer as if the command had been recorded.</summary>
public sealed class AuditUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
