using System.Collections.Concurrent;

namespace WealthActors.Integration.Infrastructure;

/// <summary>
/// A private PostgreSQL server (<see cref="PrivatePostgres"/>) for one test collection, on a free loopback port.
/// Durability is off (fsync): the tests kill silos, never the server.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IAsyncDisposable>>> _shared = new(StringComparer.Ordinal);
    private PrivatePostgres? _server;

    public int Port => Server.Port;

    private PrivatePostgres Server => _server ?? throw new InvalidOperationException("The server has not been started.");

    public async Task InitializeAsync() =>
        _server = await PrivatePostgres.Start("wealthactors-pg-", FreePort.Next(),
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB");

    public async Task DisposeAsync()
    {
        // Shared silos first: they hold connections to the server.
        foreach (var resource in _shared.Values.Where(r => r.IsValueCreated && r.Value.IsCompletedSuccessfully))
        {
            await (await resource.Value).DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.StopAndRemove();
        }
    }

    /// <summary>The connection string of database <paramref name="name"/>, created empty on first use.</summary>
    public Task<string> DatabaseAsync(string name) =>
        _databases.GetOrAdd(name.ToLowerInvariant(), key => new Lazy<Task<string>>(() => CreateDatabaseAsync(key))).Value;

    /// <summary>
    /// Something a test class starts once and shares between its tests (xunit 2 cannot hand a collection fixture to a
    /// class fixture), stopped with the server.
    /// </summary>
    public async Task<T> SharedAsync<T>(string key, Func<Task<T>> start)
        where T : IAsyncDisposable =>
        (T)await _shared.GetOrAdd(key, _ => new Lazy<Task<IAsyncDisposable>>(async () => await start())).Value;

    public string ConnectionString(string database) => Server.ConnectionString(database);

    public Task<string> ServerLogAsync() => Server.ServerLog();

    /// <inheritdoc cref="PrivatePostgres.RunClientTool"/>
    public Task RunClientToolAsync(string tool, params string[] arguments) => Server.RunClientTool(tool, arguments);

    private async Task<string> CreateDatabaseAsync(string name)
    {
        await Server.CreateDatabase(name);
        return ConnectionString(name);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
