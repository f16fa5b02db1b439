using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WealthActors.Integration.Infrastructure;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Suitability;
using WealthActors.Suitability;

namespace WealthActors.Integration.Suitability;

/// <summary>The compliance register and the evidence index on a real PostgreSQL database, with the statements SQLite runs too.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSuitabilityStorageTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private PostgresDatabase _database = null!;
    private SuitabilitySql _sql = null!;

    public async Task InitializeAsync()
    {
        _database = new PostgresDatabase(await server.DatabaseAsync("suitability"), NullLoggerFactory.Instance);
        await _database.EnsureSchemaAsync();
        async Task<DbConnection> Open(CancellationToken ct) => await _database.DataSource.OpenConnectionAsync(ct);
        _sql = new SuitabilitySql(Open, Open);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Register_UpsertsByKeyAndFilters()
    {
        var key = $"SUB-{Guid.NewGuid():N}";
        var line = new SuitabilityRegisterEntry(key, SuitabilityRegisterKind.Override, At, "C1", "B1", "E1", "TP-R5", ProductRisk.R5, RiskLevel.C2,
            1_000_000.50m, [SuitabilityReason.RiskExceeded], key, "PendingApproval", null, null, null);
        await _sql.Record(line);
        await _sql.Record(line with { Status = "Approved", DecidedBy = "E500", DecidedAt = At.AddHours(1), Note = "ok" });
        await _sql.Record(line with { Key = key + "-b", Kind = SuitabilityRegisterKind.Blocked, ClientRisk = null, Reasons = [], Status = "Blocked", At = At.AddDays(1) });

        var overrides = await _sql.List(new SuitabilityRegisterFilter(Kind: SuitabilityRegisterKind.Override, ClientId: "C1", From: At, To: At.AddMinutes(1)));
        var stored = Assert.Single(overrides, e => e.Key == key);
        Assert.Equal(("Approved", "E500", 1_000_000.50m, RiskLevel.C2), (stored.Status, stored.DecidedBy, stored.Amount, stored.ClientRisk));
        Assert.Equal([SuitabilityReason.RiskExceeded], stored.Reasons);
        var blocked = Assert.Single(await _sql.List(new SuitabilityRegisterFilter(Kind: SuitabilityRegisterKind.Blocked, ClientId: "C1")), e => e.Key == key + "-b");
        Assert.Null(blocked.ClientRisk);
    }

    [Fact]
    public async Task Evidence_IsAddedReadAndNeverChanged()
    {
        var id = $"EV-{Guid.NewGuid():N}";
        var record = new EvidenceRecord(id, EvidenceKind.Recording, "C1", null, "双录.mp4", "video/mp4", 1234, new string('a', 64), $"2026/11/{id}", At, At.AddYears(20), "E1");
        await _sql.Add(record);

        Assert.Equal(record, await _sql.Get(id));
        Assert.Contains(record, await _sql.All().ToListAsync());
        await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(_database.ConnectionString, $"DELETE FROM wa_evidence WHERE evidence_id = '{id}'"));
        await Assert.ThrowsAsync<PostgresException>(() => _sql.Add(record));
    }
}
