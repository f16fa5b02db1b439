using System.Text;
using Microsoft.Data.Sqlite;
using WealthActors.Silo.DataProtection;

namespace WealthActors.Silo.Tests.DataProtection;

/// <summary>Reads a Silo's SQLite file as an intruder with a copy of it would: the raw bytes, and single rows.</summary>
internal static class SealedDatabase
{
    /// <summary>The bytes of the database file and its write-ahead log, after a checkpoint copied the log into the file.</summary>
    public static async Task<byte[]> RawBytes(string databasePath)
    {
        await using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(FULL);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var bytes = new List<byte>(await File.ReadAllBytesAsync(databasePath));
        if (File.Exists(databasePath + "-wal"))
        {
            bytes.AddRange(await File.ReadAllBytesAsync(databasePath + "-wal"));
        }

        return [.. bytes];
    }

    public static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>The stored grain-state payload of client <paramref name="clientId"/>.</summary>
    public static async Task<byte[]> ClientPayload(string databasePath, string clientId) =>
        (byte[])(await Scalar(databasePath, "SELECT payload FROM orleans_storage WHERE grain_type LIKE 'client/%' AND grain_ext = @ext", ("@ext", "~" + clientId)))!;

    public static async Task SetClientPayload(string databasePath, string clientId, byte[] payload) =>
        await Scalar(databasePath, "UPDATE orleans_storage SET payload = @payload WHERE grain_type LIKE 'client/%' AND grain_ext = @ext",
            ("@ext", "~" + clientId), ("@payload", payload));

    /// <summary>The key that sealed client <paramref name="clientId"/>'s read-model birthday.</summary>
    public static async Task<string> BirthdayKey(string databasePath, string clientId) =>
        SealedPayloadFormat.ReadHeader((byte[])(await Scalar(databasePath, "SELECT birthday_sealed FROM rm_clients WHERE client_id = @id", ("@id", clientId)))!).KeyId;

    private static async Task<object?> Scalar(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }
}
