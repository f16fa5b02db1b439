using WealthActors.Integration.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Integration.Processes;

/// <summary>
/// The documented PostgreSQL backup path, run as an operator would: <c>pg_dump --format=custom</c> of the live database
/// while the Silo takes commands, then the Silo stopped, <c>pg_restore --clean --if-exists</c> over its database and
/// the Silo started again on the same host. Every command acknowledged before the dump began is there, and every
/// deadline pending in the dump fires (<see cref="BackupRestoreScenario"/>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBackupRestoreTests(PostgresServer server, ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wealthactors-pgdump-").FullName;

    [Fact]
    public async Task PgDumpMidLoad_RestoredOverTheDatabase_KeepsEveryAcknowledgedCommandAndFiresItsDeadlines()
    {
        var connectionString = await server.DatabaseAsync("backup_restore");
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var dump = Path.Combine(_folder, "wealthactors.dump");
        string[] connection = ["--host", database.Host!, "--port", database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", database.Username!];
        await using var node = new SiloNode(connectionString, "backup", 0);
        IReadOnlyList<string> acknowledgedBefore;
        await node.StartAsync();
        try
        {
            using var http = node.Client();
            acknowledgedBefore = await BackupRestoreScenario.BackupMidLoad(http, () =>
                server.RunClientToolAsync("pg_dump", [.. connection, "--format=custom", "--file", dump, database.Database!]));
        }
        finally
        {
            output.WriteLine(await node.KillAsync());
        }

        // The cases opened after the dump are lost with the restore, as a restore means; those before it are kept.
        await server.RunClientToolAsync("pg_restore", [.. connection, "--clean", "--if-exists", "--dbname", database.Database!, dump]);
        await node.StartAsync();
        try
        {
            using var http = node.Client();
            await BackupRestoreScenario.AssertRestored(http, acknowledgedBefore);
        }
        finally
        {
            output.WriteLine(node.Output);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
