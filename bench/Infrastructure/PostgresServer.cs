using Npgsql;
using WealthActors.Testing;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// A private PostgreSQL server (<see cref="PrivatePostgres"/>) for one benchmark run, on a free loopback port, stopped
/// and removed afterwards. Settings are the server's defaults (durable commits) apart from the connection limit, which
/// must admit the silo's pool and 64 raw callers at once, and a larger buffer cache.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly PrivatePostgres _server;

    private PostgresServer(PrivatePostgres server) => _server = server;

    public int Port => _server.Port;

    /// <summary>Starts a server with an empty database <c>wealthactors</c>.</summary>
    public static async Task<PostgresServer> Start()
    {
        var server = new PostgresServer(
            await PrivatePostgres.Start("wealthactors-bench-pg-", FreePort.Next(), "-c max_connections=300 -c shared_buffers=256MB"));
        try
        {
            await server._server.CreateDatabase("wealthactors");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The product's database; <paramref name="maxPoolSize"/> bounds one client's pool.</summary>
    public string ConnectionString(string database = "wealthactors", int? maxPoolSize = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString(database));
        if (maxPoolSize is { } size)
        {
            builder.MaxPoolSize = size;
        }

        return builder.ConnectionString;
    }

    /// <summary>The environment that puts the real Silo on this server, as an operator would set it.</summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment() => new Dictionary<string, string>
    {
        ["Storage__Provider"] = "PostgreSql",
        ["ConnectionStrings__WealthActors"] = ConnectionString(),
        // The external client connects to loopback: the silo must advertise (and so listen on) it.
        ["Orleans__AdvertisedAddress"] = "127.0.0.1",
    };

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _server.StopAndRemove();
        }
        catch (InvalidOperationException ex)
        {
            Out.Detail($"stopping the private PostgreSQL server failed: {ex.Message}");
        }
    }
}
