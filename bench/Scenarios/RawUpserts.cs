using System.Diagnostics;
using Microsoft.Data.Sqlite;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// Single-row upserts with Microsoft.Data.Sqlite into a table shaped like the grain-state table, on the same file and
/// with the same per-connection settings as the product's writers (WAL, busy_timeout, synchronous=NORMAL, pooled
/// private-cache connections). Gated means one connection at a time, as the product's write gate allows.
/// </summary>
public static class RawUpserts
{
    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    private const string Upsert = """
        INSERT INTO bench_raw_upserts (service_id, grain_type, grain_n0, grain_n1, grain_ext, payload, version, modified_at)
        VALUES ('wealthactors', 'bench/state', 0, 0, @ext, @payload, 1, datetime())
        ON CONFLICT (service_id, grain_type, grain_n0, grain_n1, grain_ext)
        DO UPDATE SET payload = excluded.payload, version = version + 1, modified_at = excluded.modified_at;
        """;

    public static async Task<MixResult> Run(string database, int callers, TimeSpan duration, int payloadBytes, bool gated)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = database, Mode = SqliteOpenMode.ReadWriteCreate, Cache = SqliteCacheMode.Private, Pooling = true,
        }.ToString();
        using (var setup = new SqliteConnection(connectionString))
        {
            setup.Open();
            using var command = setup.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS bench_raw_upserts (service_id TEXT NOT NULL, grain_type TEXT NOT NULL, grain_n0 INTEGER NOT NULL,
                    grain_n1 INTEGER NOT NULL, grain_ext TEXT NOT NULL, payload BLOB, version INTEGER NOT NULL, modified_at TEXT NOT NULL);
                CREATE UNIQUE INDEX IF NOT EXISTS ux_bench_raw_upserts ON bench_raw_upserts (service_id, grain_type, grain_n0, grain_n1, grain_ext);
                """;
            command.ExecuteNonQuery();
        }

        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        using var gate = new SemaphoreSlim(gated ? 1 : callers);
        var prefix = gated ? "g" : "u";
        return await Mix.Run(callers, duration, async (caller, sequence) =>
        {
            await gate.WaitAsync();
            try
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                await using (var pragmas = connection.CreateCommand())
                {
                    pragmas.CommandText = Pragmas;
                    await pragmas.ExecuteNonQueryAsync();
                }

                await using var command = connection.CreateCommand();
                command.CommandText = Upsert;
                // A thousand rows per caller: mostly updates of existing rows, like grain state writes.
                command.Parameters.AddWithValue("@ext", $"~{prefix}{caller}-{sequence % 1000}");
                command.Parameters.AddWithValue("@payload", payload);
                await command.ExecuteNonQueryAsync();
                return 1;
            }
            finally
            {
                gate.Release();
            }
        });
    }
}
