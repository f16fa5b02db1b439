using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Tests.Storage;

internal static class TestDatabases
{
    public static SqliteDatabase Create(TempFolder folder, SqliteStorageOptions? options = null) =>
        new(options ?? new SqliteStorageOptions(), connectionString: null, folder.Path, NullLoggerFactory.Instance);

    public static async Task<object?> ScalarAsync(SqliteDatabase database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    public static async Task<List<string>> ColumnAsync(SqliteDatabase database, string sql)
    {
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public static async Task ExecuteAsync(SqliteDatabase database, string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
