using Microsoft.Data.Sqlite;
using WealthActors.Silo.Storage.ReadModel;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Tests.Storage;

/// <summary>
/// The group commit's log is copied into the database file beside the writer: what it committed is in the file soon
/// after, long before the log reaches the length at which the writer would checkpoint it itself.
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private const int Rows = 200;
    private const int RowBytes = 4096;

    private readonly TempFolder _folder = new();
    private readonly SqliteDatabase _database;

    public SqliteCheckpointerTests() => _database = TestDatabases.Create(_folder);

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task CommittedWrites_ReachTheDatabaseFile_WithoutTheWriterCheckpointing()
    {
        await _database.EnsureSchemaAsync();
        await _database.Writes.Execute([new ReadModelWrite("CREATE TABLE checkpoint_probe (id INTEGER PRIMARY KEY, body BLOB NOT NULL);", _ => { })]);
        await _database.Checkpoints.WhenIdle();
        var before = new FileInfo(_database.FilePath).Length;

        // Far fewer pages than the writer's own limit, each row a page of its own or more.
        Assert.True(Rows * 2 < SqliteCheckpointer.WriterCheckpointPages);
        await Task.WhenAll(Enumerable.Range(0, Rows).Select(i => _database.Writes.Execute(
        [
            new ReadModelWrite("INSERT INTO checkpoint_probe (id, body) VALUES (@id, @body);", parameters =>
            {
                parameters.Add(new SqliteParameter("@id", i));
                parameters.Add(new SqliteParameter("@body", new byte[RowBytes]));
            }),
        ])));
        await _database.Checkpoints.WhenIdle();

        Assert.True(new FileInfo(_database.FilePath).Length >= before + (long)Rows * RowBytes);
        Assert.Equal(Rows, Convert.ToInt32(await TestDatabases.ScalarAsync(_database, "SELECT count(*) FROM checkpoint_probe"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AfterDispose_RequestsAreIgnored()
    {
        await _database.EnsureSchemaAsync();
        _database.Checkpoints.Dispose();

        _database.Checkpoints.Request();

        await _database.Checkpoints.WhenIdle();
    }
}
