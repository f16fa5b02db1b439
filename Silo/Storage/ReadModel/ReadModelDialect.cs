using System.Data.Common;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// What differs between the databases <see cref="SqlReadModel"/> runs on, and nothing else: the few SQL fragments that
/// are not standard, how each value is stored and read back, and how the read model reaches the database (which
/// connection a query or a ledger transaction uses, and which path a projection's write takes). The statements,
/// readers, paging, scope filtering, sealing and timeline code are written once, in the read model.
/// </summary>
internal abstract class ReadModelDialect
{
    /// <summary>The clear month-and-day column of <c>rm_clients</c> the birthday scan selects on.</summary>
    public abstract string BirthdayColumn { get; }

    /// <summary>A month and day as <see cref="BirthdayColumn"/> holds them.</summary>
    public abstract object BirthdayValue(int month, int day);

    /// <summary>A condition: <paramref name="column"/> holds the text of <paramref name="parameter"/> somewhere.</summary>
    public abstract string Contains(string column, string parameter);

    /// <summary>A condition: <paramref name="column"/> begins with the text of <paramref name="parameter"/>.</summary>
    public abstract string StartsWith(string column, string parameter);

    /// <summary>Occurrences per care-ledger transaction.</summary>
    public abstract int LedgerBatch { get; }

    /// <summary>Queues one projection statement on this database's write path; completes once it has committed.</summary>
    public abstract Task Write(ReadModelWrite write, CancellationToken cancellationToken);

    /// <summary>As <see cref="Write(ReadModelWrite, CancellationToken)"/>, for statements that stand or fall together.</summary>
    public abstract Task Write(ReadModelWrite[] unit, CancellationToken cancellationToken);

    /// <summary>An open connection for queries, with the schema applied.</summary>
    public abstract ValueTask<DbConnection> OpenReadAsync(CancellationToken cancellationToken);

    /// <summary>An open connection for a transaction of the read model's own (the care ledger, sealing).</summary>
    public abstract ValueTask<DbConnection> OpenWriteAsync(CancellationToken cancellationToken);

    /// <summary>What the database needs after clear birthdays were sealed for their old bytes to leave its files.</summary>
    public virtual Task AfterSealingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract void BindText(DbParameterCollection parameters, string name, string? value);

    // Non-nullable overloads beside the nullable ones let a dialect bind without boxing on the write path.
    public abstract void BindInteger(DbParameterCollection parameters, string name, int value);

    public abstract void BindInteger(DbParameterCollection parameters, string name, int? value);

    public abstract void BindLong(DbParameterCollection parameters, string name, long value);

    public abstract void BindBoolean(DbParameterCollection parameters, string name, bool value);

    public abstract void BindBoolean(DbParameterCollection parameters, string name, bool? value);

    public abstract void BindDecimal(DbParameterCollection parameters, string name, decimal value);

    public abstract void BindInstant(DbParameterCollection parameters, string name, DateTimeOffset value);

    public abstract void BindInstant(DbParameterCollection parameters, string name, DateTimeOffset? value);

    public abstract void BindDate(DbParameterCollection parameters, string name, DateOnly? value);

    public abstract void BindBytes(DbParameterCollection parameters, string name, byte[]? value);

    public abstract void BindTextList(DbParameterCollection parameters, string name, IReadOnlyList<string> values);

    /// <summary>The month and day of <paramref name="birthday"/> as <see cref="BirthdayColumn"/> holds them.</summary>
    public abstract void BindMonthDay(DbParameterCollection parameters, string name, DateOnly? birthday);

    public abstract DateTimeOffset ReadInstant(DbDataReader reader, int ordinal);

    public abstract DateOnly ReadDate(DbDataReader reader, int ordinal);

    public abstract decimal ReadDecimal(DbDataReader reader, int ordinal);

    public abstract IReadOnlyList<string> ReadTextList(DbDataReader reader, int ordinal);
}
