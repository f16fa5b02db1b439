using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The read model on the embedded SQLite file. Values are text chosen so that text order is value order (instants to
/// 100 ns in UTC, dates, amounts, channel lists as JSON). Projections go through the shared write gate (SQLite has one
/// writer), and those queued together share a transaction with each other and with grain-state writes
/// (<see cref="SqliteStatementBatcher"/>); queries use ungated connections, which WAL lets run beside the writer.
/// </summary>
internal sealed class SqliteReadModelDialect(SqliteDatabase database) : ReadModelDialect
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string DateFormat = "yyyy-MM-dd";

    // SQLite names a parameter with its prefix; the shared statements bind bare names. One string per name, made once,
    // so a write allocates no name.
    private static readonly ConcurrentDictionary<string, string> Prefixed = new(StringComparer.Ordinal);

    public override string BirthdayColumn => "birthday_md";

    public override object BirthdayValue(int month, int day) => string.Create(CultureInfo.InvariantCulture, $"{month:00}-{day:00}");

    public override string Contains(string column, string parameter) => $"instr({column}, {parameter}) > 0";

    public override string StartsWith(string column, string parameter) => $"substr({column}, 1, length({parameter})) = {parameter}";

    // Short transactions keep the single writer available to grains.
    public override int LedgerBatch => 500;

    public override Task Write(ReadModelWrite write, CancellationToken cancellationToken) => Write([write], cancellationToken);

    public override Task Write(ReadModelWrite[] unit, CancellationToken cancellationToken) => database.Writes.Execute(unit, cancellationToken);

    public override async ValueTask<DbConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        return database.OpenRead();
    }

    public override async ValueTask<DbConnection> OpenWriteAsync(CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        return await database.OpenWriteAsync(cancellationToken);
    }

    // An update leaves the old bytes in the page's free space, on free pages and in the write-ahead log: the clear
    // birthdays would stay in the files. Rebuilding the file and emptying the log takes them out. It runs once, after
    // the upgrade that switched sealing on.
    public override async Task AfterSealingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void BindText(DbParameterCollection parameters, string name, string? value) => Add(parameters, name, (object?)value ?? DBNull.Value);

    public override void BindInteger(DbParameterCollection parameters, string name, int value) => Add(parameters, name, value);

    public override void BindInteger(DbParameterCollection parameters, string name, int? value) => Add(parameters, name, value is { } number ? number : DBNull.Value);

    public override void BindLong(DbParameterCollection parameters, string name, long value) => Add(parameters, name, value);

    public override void BindBoolean(DbParameterCollection parameters, string name, bool value) => Add(parameters, name, value);

    public override void BindBoolean(DbParameterCollection parameters, string name, bool? value) => Add(parameters, name, value is { } flag ? flag : DBNull.Value);

    public override void BindDecimal(DbParameterCollection parameters, string name, decimal value) => Add(parameters, name, value.ToString(CultureInfo.InvariantCulture));

    public override void BindInstant(DbParameterCollection parameters, string name, DateTimeOffset value) => Add(parameters, name, Text(value));

    public override void BindInstant(DbParameterCollection parameters, string name, DateTimeOffset? value) => Add(parameters, name, value is { } instant ? Text(instant) : DBNull.Value);

    public override void BindDate(DbParameterCollection parameters, string name, DateOnly? value) =>
        Add(parameters, name, value is { } date ? date.ToString(DateFormat, CultureInfo.InvariantCulture) : DBNull.Value);

    public override void BindBytes(DbParameterCollection parameters, string name, byte[]? value) => Add(parameters, name, (object?)value ?? DBNull.Value);

    public override void BindTextList(DbParameterCollection parameters, string name, IReadOnlyList<string> values) => Add(parameters, name, JsonSerializer.Serialize(values));

    public override void BindMonthDay(DbParameterCollection parameters, string name, DateOnly? birthday) =>
        Add(parameters, name, birthday is { } date ? BirthdayValue(date.Month, date.Day) : DBNull.Value);

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override DateOnly ReadDate(DbDataReader reader, int ordinal) =>
        DateOnly.ParseExact(reader.GetString(ordinal), DateFormat, CultureInfo.InvariantCulture);

    public override decimal ReadDecimal(DbDataReader reader, int ordinal) =>
        decimal.Parse(reader.GetString(ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);

    public override IReadOnlyList<string> ReadTextList(DbDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal)) ?? [];

    private static string Text(DateTimeOffset instant) => instant.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    private static void Add(DbParameterCollection parameters, string name, object value) =>
        ((SqliteParameterCollection)parameters).AddWithValue(Prefixed.GetOrAdd(name, static bare => "@" + bare), value);
}
