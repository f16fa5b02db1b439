using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// Single-row upserts, each its own transaction, into a table shaped like the grain-state table. On SQLite: with
/// Microsoft.Data.Sqlite into a table shaped like the grain-state table, on the same file and
/// with the same per-connection settings as the product's writers (WAL, busy_timeout, synchronous=NORMAL, pooled
/// private-cache connections); gated means one connection at a time, as the product's write gate allows. On
/// PostgreSQL: with Npgsql, each caller taking a pooled connection from a data source of as many connections as callers.
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

    private const string PostgresUpsert = """
        INSERT INTO bench_raw_upserts (service_id, grain_type, grain_n0, grain_n1, grain_ext, payload, version, modified_at)
        VALUES ('wealthactors', 'bench/state', 0, 0, $1, $2, 1, now())
        ON CONFLICT (service_id, grain_type, grain_n0, grain_n1, grain_ext)
        DO UPDATE SET payload = excluded.payload, version = bench_raw_upserts.version + 1, modified_at = excluded.modified_at;
        """;

    public static async Task<MixResult> RunPostgres(string connectionString, int callers, TimeSpan duration, int payloadBytes)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = callers, MinPoolSize = callers };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var setup = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS bench_raw_upserts (service_id text COLLATE "C" NOT NULL, grain_type text COLLATE "C" NOT NULL,
                grain_n0 bigint NOT NULL, grain_n1 bigint NOT NULL, grain_ext text COLLATE "C" NOT NULL, payload bytea,
                version integer NOT NULL, modified_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (service_id, grain_type, grain_n0, grain_n1, grain_ext));
            ALTER TABLE bench_raw_upserts SET (fillfactor = 80);
            """))
        {
            await setup.ExecuteNonQueryAsync();
        }

        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        return await Mix.Run(callers, duration, async (caller, sequence) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(PostgresUpsert, connection);
            // A thousand rows per caller: mostly updates of existing rows, like grain state writes.
            command.Parameters.Add(new NpgsqlParameter { Value = $"~p{caller}-{sequence % 1000}" });
            command.Parameters.Add(new NpgsqlParameter { Value = payload });
            await command.ExecuteNonQueryAsync();
            return 1;
        });
    }
}
