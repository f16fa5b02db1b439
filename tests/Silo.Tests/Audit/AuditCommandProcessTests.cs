using System.Text.Json.Nodes;
using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Storage.Sqlite;
using WealthActors.Silo.Tests.Infrastructure;
using WealthActors.Silo.Tests.Storage;

namespace WealthActors.Silo.Tests.Audit;

/// <summary><c>audit verify</c> and <c>audit digest</c> as an operator runs them: the real Silo executable, on a SQLite file.</summary>
public sealed class AuditCommandProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteDatabase _database;
    private readonly Tamper _tamper;

    public AuditCommandProcessTests()
    {
        _database = TestDatabases.Create(_folder);
        _tamper = new Tamper(_database);
    }

    private Dictionary<string, string> Environment => new() { ["Storage__Sqlite__Path"] = _database.FilePath };

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Verify_UntouchedTrail_Exits0WithTheCount()
    {
        await _tamper.WriteChain();
        await _tamper.WriteChain();

        var run = await SiloCommand.Run(Environment, "audit", "verify");

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains("audit: 20 entries verified", run.Output);
    }

    [Fact]
    public async Task Verify_EditedEntry_Exits1NamingIt()
    {
        var chain = await _tamper.WriteChain();
        await _tamper.Edit(chain, 6);

        var run = await SiloCommand.Run(Environment, "audit", "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"audit: chain {chain} sequence 6: HashMismatch: its hash does not match its contents: the entry was edited", run.Output);
    }

    [Fact]
    public async Task Digest_ThenTruncatedTail_IsFoundOnlyWithTheDigestFile()
    {
        var chain = await _tamper.WriteChain();
        var digest = await SiloCommand.Run(Environment, "audit", "digest");
        Assert.True(digest.ExitCode == 0, digest.Output + digest.Errors);
        var document = JsonNode.Parse(digest.Output)!;
        Assert.Equal("wealthactors-audit-digest/1", document.Str("format"));
        var head = Assert.Single(document["chains"]!.AsArray())!;
        Assert.Equal((chain, 10L, "SHA256"), (head.Str("chainId"), head["lastSequence"]!.GetValue<long>(), head.Str("algorithm")));
        var file = Path.Combine(_folder.Path, "digest.json");
        await File.WriteAllTextAsync(file, digest.Output);

        await _tamper.DeleteFrom(chain, 9);
        var alone = await SiloCommand.Run(Environment, "audit", "verify");
        var withDigest = await SiloCommand.Run(Environment, "audit", "verify", file);

        Assert.Equal(0, alone.ExitCode);
        Assert.Contains("audit: 8 entries verified", alone.Output);
        Assert.Equal(1, withDigest.ExitCode);
        Assert.Contains($"audit: chain {chain} sequence 9: Truncated", withDigest.Output);
    }

    [Fact]
    public async Task Verify_NotADigestFile_Exits2()
    {
        var file = Path.Combine(_folder.Path, "digest.json");
        await File.WriteAllTextAsync(file, "{\"hello\":1}");

        var run = await SiloCommand.Run(Environment, "audit", "verify", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot use", run.Errors);
    }

    /// <summary>Chains written by the product's writer, and changes made to them in SQL as an administrator would.</summary>
    private sealed class Tamper(SqliteDatabase database)
    {
        private readonly SqliteAuditStore _store = new(database);

        public Task<string> WriteChain() => AuditTestChains.Write(_store, 10);

        public Task Edit(string chain, int sequence) =>
            Run($"UPDATE audit_entries SET target_id = 'CMP-edited' WHERE chain_id = '{chain}' AND sequence = {sequence}");

        public Task DeleteFrom(string chain, int sequence) =>
            Run($"DELETE FROM audit_entries WHERE chain_id = '{chain}' AND sequence >= {sequence}");

        private async Task Run(string sql)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete; " + sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}
