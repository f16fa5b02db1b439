using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The read model on PostgreSQL, beside grain state. Instants are stored as UTC ticks (exact to 100 ns, which
/// timestamptz is not), dates as date, amounts as numeric, channel lists as text[], each bound with its type so a write
/// boxes nothing it need not. Every projection is one unit of the statement batcher (<see cref="PostgresStatementBatcher"/>),
/// so it shares a batch and a commit with the grain-state and reminder writes queued beside it.
/// </summary>
internal sealed class PostgresReadModelDialect(PostgresDatabase database, PostgresStatementBatcher writes) : ReadModelDialect
{
    public override string BirthdayColumn => "birthday_mmdd";

    public override object BirthdayValue(int month, int day) => MonthDay(month, day);

    public override string Contains(string column, string parameter) => $"strpos({column}, {parameter}) > 0";

    public override string StartsWith(string column, string parameter) => $"starts_with({column}, {parameter})";

    public override int LedgerBatch => 1000;

    public override Task Write(ReadModelWrite write, CancellationToken cancellationToken) =>
        writes.Execute([Statement(write)], cancellationToken);

    public override Task Write(ReadModelWrite[] unit, CancellationToken cancellationToken) =>
        writes.Execute(Statements(unit), cancellationToken);

    // The pool's connections; the schema is applied as the silo starts (PostgresSchemaBootstrap).
    public override ValueTask<DbConnection> OpenReadAsync(CancellationToken cancellationToken) =>
        ((DbDataSource)database.DataSource).OpenConnectionAsync(cancellationToken);

    public override ValueTask<DbConnection> OpenWriteAsync(CancellationToken cancellationToken) =>
        ((DbDataSource)database.DataSource).OpenConnectionAsync(cancellationToken);

    /// <summary>A projection statement as a statement of the batcher.</summary>
    public static PostgresStatement Statement(ReadModelWrite write) => new(write.Sql, write.Bind);

    public static PostgresStatement[] Statements(ReadModelWrite[] unit)
    {
        var statements = new PostgresStatement[unit.Length];
        for (var i = 0; i < unit.Length; i++)
        {
            statements[i] = Statement(unit[i]);
        }

        return statements;
    }

    public override void BindText(DbParameterCollection parameters, string name, string? value) =>
        Typed(parameters).Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    public override void BindInteger(DbParameterCollection parameters, string name, int value) =>
        Typed(parameters).Add(new NpgsqlParameter<int>(name, NpgsqlDbType.Integer) { TypedValue = value });

    public override void BindInteger(DbParameterCollection parameters, string name, int? value) =>
        Typed(parameters).Add(new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = value is { } number ? number : DBNull.Value });

    public override void BindLong(DbParameterCollection parameters, string name, long value) =>
        Typed(parameters).Add(new NpgsqlParameter<long>(name, NpgsqlDbType.Bigint) { TypedValue = value });

    public override void BindBoolean(DbParameterCollection parameters, string name, bool value) =>
        Typed(parameters).Add(new NpgsqlParameter<bool>(name, NpgsqlDbType.Boolean) { TypedValue = value });

    public override void BindBoolean(DbParameterCollection parameters, string name, bool? value) =>
        Typed(parameters).Add(new NpgsqlParameter(name, NpgsqlDbType.Boolean) { Value = value is { } flag ? flag : DBNull.Value });

    public override void BindDecimal(DbParameterCollection parameters, string name, decimal value) =>
        Typed(parameters).Add(new NpgsqlParameter<decimal>(name, NpgsqlDbType.Numeric) { TypedValue = value });

    public override void BindInstant(DbParameterCollection parameters, string name, DateTimeOffset value) =>
        Typed(parameters).Add(new NpgsqlParameter<long>(name, NpgsqlDbType.Bigint) { TypedValue = value.UtcTicks });

    public override void BindInstant(DbParameterCollection parameters, string name, DateTimeOffset? value) =>
        Typed(parameters).Add(new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = value is { } instant ? instant.UtcTicks : DBNull.Value });

    public override void BindDate(DbParameterCollection parameters, string name, DateOnly? value) =>
        Typed(parameters).Add(new NpgsqlParameter(name, NpgsqlDbType.Date) { Value = value is { } date ? date : DBNull.Value });

    public override void BindBytes(DbParameterCollection parameters, string name, byte[]? value) =>
        Typed(parameters).Add(new NpgsqlParameter(name, NpgsqlDbType.Bytea) { Value = (object?)value ?? DBNull.Value });

    public override void BindTextList(DbParameterCollection parameters, string name, IReadOnlyList<string> values) =>
        Typed(parameters).Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });

    public override void BindMonthDay(DbParameterCollection parameters, string name, DateOnly? birthday) =>
        BindInteger(parameters, name, birthday is { } date ? MonthDay(date.Month, date.Day) : null);

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public override DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    public override decimal ReadDecimal(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);

    public override IReadOnlyList<string> ReadTextList(DbDataReader reader, int ordinal) => reader.GetFieldValue<string[]>(ordinal);

    private static int MonthDay(int month, int day) => month * 100 + day;

    private static NpgsqlParameterCollection Typed(DbParameterCollection parameters) => (NpgsqlParameterCollection)parameters;
}
