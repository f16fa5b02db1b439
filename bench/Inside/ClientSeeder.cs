using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using WealthActors.Clients;
using WealthActors.Grains.Clients;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Bench.Inside;

/// <summary>
/// Stores many clients with realistic state quickly: one client is written through its grain to learn exactly how the
/// storage provider keys a row, then the others are inserted in large transactions with payloads made by the same
/// grain-storage serializer the provider uses (sealed with the silo's key ring), plus their read-model rows (birthdays
/// sealed the same way). Activating them afterwards reads the
/// rows through the product's own storage path, which fails loudly if anything here were off.
/// </summary>
public sealed class ClientSeeder(IGrainFactory grains, SqliteDatabase database, IServiceProvider services)
{
    private const int BatchSize = 10_000;
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "杰"];
    private static readonly string[] Products = ["稳健理财A", "现金管理B", "信托计划C", "私募基金D", "结构性存款E"];

    private readonly IGrainStorageSerializer _serializer = services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>()
        .Get(StorageHostingExtensions.AdoNetStorageName).GrainStorageSerializer;

    private readonly PayloadSealer _sealer = services.GetRequiredService<PayloadSealer>();

    public static string Id(string prefix, int i) => $"{prefix}{i:0000000}";

    public async Task<SeedResult> Seed(string prefix, int start, int count)
    {
        var started = DateTime.UtcNow;
        var key = await LearnRowKey(prefix);
        await using var connection = (SqliteConnection)await database.WriteDataSource.OpenConnectionAsync();
        var payloadBytes = 0L;
        for (var batchStart = start; batchStart < start + count; batchStart += BatchSize)
        {
            await using var transaction = connection.BeginTransaction();
            using var state = StateInsert(connection, transaction, key);
            using var row = ReadModelInsert(connection, transaction);
            for (var i = batchStart; i < Math.Min(start + count, batchStart + BatchSize); i++)
            {
                var id = Id(prefix, i);
                var client = State(i);
                var payload = _serializer.Serialize(client).ToArray();
                payloadBytes += payload.Length;
                state.Parameters["@ext"].Value = key.ExtensionFormat.Replace("{id}", id, StringComparison.Ordinal);
                state.Parameters["@payload"].Value = payload;
                state.ExecuteNonQuery();
                BindReadModel(row, id, client);
                row.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return new SeedResult(count, (DateTime.UtcNow - started).TotalSeconds, count == 0 ? 0 : payloadBytes / count);
    }

    /// <summary>A realistic client: profile, three holdings, a household member and a few recent interactions.</summary>
    internal static ClientState State(int i)
    {
        var created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i % 500_000);
        var branch = $"BR{i % 100:0000}";
        var interactions = Enumerable.Range(0, 5).Select(k => new Interaction(
            (InteractionKind)(k % 5), created.AddDays(30 * k), $"BA{i % 100:0000}", $"第{k + 1}次回访：讨论产品到期安排 follow-up call {k + 1}")).ToList();
        return new ClientState
        {
            Profile = new ClientProfile(
                $"{Surnames[i % 10]}{Given[i / 10 % 10]}{Given[i / 100 % 10]}", new DateOnly(1950 + i % 50, 1 + i % 12, 1 + i % 28),
                $"139{i % 100_000_000:00000000}", $"3101011970{i % 100_000_000:00000000}", branch, $"BA{i % 100:0000}",
                ManualVip: i % 10 == 0, RiskLevel.C3, new DateOnly(2025, 1 + i % 12, 1 + i % 28), ["bench", i % 2 == 0 ? "retiree" : "entrepreneur"]),
            Holdings = Enumerable.Range(0, 3).Select(k => new Holding(
                $"P{(i + k) % 1000:0000}", Products[(i + k) % Products.Length], (ProductRisk)(1 + (i + k) % 5),
                100_000m + (i * 37 + k * 1000) % 900_000, new DateOnly(2026, 1 + (i + k) % 12, 1 + k))).ToList(),
            Household = [new HouseholdMember(Id("H", i), "spouse")],
            RecentInteractions = interactions,
            CreatedAt = created,
            LastInteractionAt = interactions[^1].At,
            Revision = 1,
        };
    }

    private async Task<RowKey> LearnRowKey(string prefix)
    {
        var template = Id(prefix, 9_999_999);
        await grains.GetGrain<IClientGrain>(template).Upsert(State(0).Profile!, Actor.System("bench"));
        await using var connection = database.ReadOnlyConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT service_id, grain_type, grain_n0, grain_n1, grain_ext FROM orleans_storage WHERE grain_ext LIKE '%' || @id;";
        command.Parameters.AddWithValue("@id", template);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The template client's row was not found.");
        }

        return new RowKey(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.GetString(4).Replace(template, "{id}", StringComparison.Ordinal));
    }

    private static SqliteCommand StateInsert(SqliteConnection connection, SqliteTransaction transaction, RowKey key)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO orleans_storage (service_id, grain_type, grain_n0, grain_n1, grain_ext, payload, version, modified_at)
            VALUES (@service, @type, @n0, @n1, @ext, @payload, 1, datetime())
            ON CONFLICT DO NOTHING;
            """;
        command.Parameters.AddWithValue("@service", key.ServiceId);
        command.Parameters.AddWithValue("@type", key.GrainType);
        command.Parameters.AddWithValue("@n0", key.N0);
        command.Parameters.AddWithValue("@n1", key.N1);
        command.Parameters.Add("@ext", SqliteType.Text);
        command.Parameters.Add("@payload", SqliteType.Blob);
        return command;
    }

    private static SqliteCommand ReadModelInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR REPLACE INTO rm_clients (client_id, name, name_key, branch_id, advisor_id, tier, vip, aum, birthday_sealed,
                birthday_md, risk_expires_on, last_interaction_at, next_maturity, lifecycle, open_complaints, updated_at)
            VALUES (@id, @name, @name, @branch, @advisor, 1, @vip, @aum, @birthday, @birthday_md, @risk, @last, @maturity, 2, 0, @updated);
            """;
        foreach (var name in new[] { "@id", "@name", "@branch", "@advisor", "@vip", "@aum", "@birthday_md", "@risk", "@last", "@maturity", "@updated" })
        {
            command.Parameters.Add(name, SqliteType.Text);
        }

        command.Parameters.Add("@birthday", SqliteType.Blob);

        return command;
    }

    private void BindReadModel(SqliteCommand command, string id, ClientState client)
    {
        var p = client.Profile!;
        var c = command.Parameters;
        c["@id"].Value = id;
        c["@name"].Value = p.Name;
        c["@branch"].Value = p.BranchId;
        c["@advisor"].Value = p.AdvisorId;
        c["@vip"].Value = p.ManualVip ? 1 : 0;
        c["@aum"].Value = client.Holdings.Sum(h => h.Amount).ToString(CultureInfo.InvariantCulture);
        c["@birthday"].Value = SealedBirthdays.Seal(_sealer, id, p.Birthday);
        c["@birthday_md"].Value = p.Birthday!.Value.ToString("MM-dd", CultureInfo.InvariantCulture);
        c["@risk"].Value = p.RiskAssessedOn!.Value.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        c["@last"].Value = client.LastInteractionAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        c["@maturity"].Value = client.Holdings.Min(h => h.MaturityDate)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        c["@updated"].Value = client.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }

    private sealed record RowKey(string ServiceId, string GrainType, long N0, long N1, string ExtensionFormat);

    public sealed record SeedResult(int Count, double Seconds, long PayloadBytesPerClient);
}

internal static class SqliteDatabaseReads
{
    /// <summary>A plain reader connection on the same file (OpenRead is internal to the Silo).</summary>
    public static SqliteConnection ReadOnlyConnection(this SqliteDatabase database)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }
}
