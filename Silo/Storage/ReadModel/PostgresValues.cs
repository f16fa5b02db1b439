using Npgsql;
using NpgsqlTypes;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// How read-model values are stored in PostgreSQL: instants as UTC ticks (exact to 100 ns, which timestamptz is not),
/// dates as date, amounts as numeric, channel lists as text[].
/// </summary>
internal static class PostgresValues
{
    public static void Bind(this NpgsqlParameterCollection parameters, string name, string? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    public static void Bind(this NpgsqlParameterCollection parameters, string name, int value) =>
        parameters.Add(new NpgsqlParameter<int>(name, NpgsqlDbType.Integer) { TypedValue = value });

    public static void Bind(this NpgsqlParameterCollection parameters, string name, bool value) =>
        parameters.Add(new NpgsqlParameter<bool>(name, NpgsqlDbType.Boolean) { TypedValue = value });

    public static void Bind(this NpgsqlParameterCollection parameters, string name, decimal value) =>
        parameters.Add(new NpgsqlParameter<decimal>(name, NpgsqlDbType.Numeric) { TypedValue = value });

    public static void Bind(this NpgsqlParameterCollection parameters, string name, DateTimeOffset instant) =>
        parameters.Add(new NpgsqlParameter<long>(name, NpgsqlDbType.Bigint) { TypedValue = instant.UtcTicks });

    public static void Bind(this NpgsqlParameterCollection parameters, string name, DateTimeOffset? instant) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = instant is { } value ? value.UtcTicks : DBNull.Value });

    public static void Bind(this NpgsqlParameterCollection parameters, string name, int? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = value is { } number ? number : DBNull.Value });

    public static void Bind(this NpgsqlParameterCollection parameters, string name, byte[]? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Bytea) { Value = (object?)value ?? DBNull.Value });

    public static void Bind(this NpgsqlParameterCollection parameters, string name, DateOnly? date) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Date) { Value = date is { } value ? value : DBNull.Value });

    public static void Bind(this NpgsqlParameterCollection parameters, string name, IReadOnlyList<string> values) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });

    public static DateTimeOffset ReadInstant(this NpgsqlDataReader reader, int ordinal) =>
        new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? ReadNullableInstant(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.ReadInstant(ordinal);

    public static DateOnly? ReadNullableDate(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);

    public static string? ReadNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
