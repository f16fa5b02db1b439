using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Audit;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Tests.Infrastructure;
using WealthActors.Silo.Tests.Storage;

namespace WealthActors.Silo.Tests.Audit;

/// <summary>
/// Nothing acknowledged is unaudited: a command's entry commits in the transaction of its state change (or the change is
/// not kept), any other answer waits for its entry's commit, and when the trail cannot commit the caller gets 503 instead
/// of the answer.
/// </summary>
public sealed class AuditGateTests : IAsyncLifetime
{
    private const string AdminKey = "gate-test-admin-key-0123456789";

    private readonly TempFolder _folder = new();
    private readonly ControlledTrail _trail = new();
    private GateSilo _silo = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _silo = new GateSilo(_folder.Path, _trail);
        _client = _silo.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task RefusedCommand_AnswerWaitsForTheEntrysCommit()
    {
        _trail.Hold();

        var answer = _client.PutAsync("/api/branches/GATE1", Json("""{"name":""}"""));
        var record = await _trail.Appended.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(answer.IsCompleted);
        Assert.Equal(("branch.upsert", "400"), (record.Action, record.Outcome));
        _trail.Release();
        Assert.Equal(HttpStatusCode.BadRequest, (await answer).StatusCode);
    }

    [Fact]
    public async Task Command_EntryCommitsWithTheStateChange_NotAfterTheAnswer()
    {
        // The trail the doors append to is down, yet the command is answered: its entry went with its state write.
        _trail.Unavailable = true;

        var response = await _client.PutAsync("/api/branches/GATE2", Json("""{"name":"Gate","headEmployeeId":"E1"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await EntriesFor("GATE2"));
        Assert.Equal(("branch.upsert", "branch", "200", "admin"), entry);
    }

    [Fact]
    public async Task Command_DatabaseRefusesItsEntry_StateChangeIsNotKept()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsync("/api/branches/GATE4", Json("""{"name":"Before","headEmployeeId":"E1"}"""))).StatusCode);
        await Sql("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit refused'); END;");

        var response = await _client.PutAsync("/api/branches/GATE4", Json("""{"name":"After","headEmployeeId":"E1"}"""));
        await Sql("DROP TRIGGER refuse_audit;");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var branch = await _client.GetStringAsync("/api/branches/GATE4");
        Assert.Contains("Before", branch);
        Assert.DoesNotContain("After", branch);
        // The one entry stored is the first upsert's; the failed one is told to the trail the doors append to.
        Assert.Single(await EntriesFor("GATE4"));
        Assert.Equal(("branch.upsert", "500"), (_trail.Last!.Action, _trail.Last.Outcome));
    }

    [Fact]
    public async Task RefusedCommand_TrailUnavailable_Is503()
    {
        _trail.Unavailable = true;

        var response = await _client.PutAsync("/api/branches/GATE3", Json("""{"name":""}"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task UnmaskedRead_TrailUnavailable_Is503WithoutTheData()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsync("/api/branches/GB", Json("""{"name":"Gate","headEmployeeId":"GE1"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsync("/api/employees/GE1", Json("""{"name":"Chen","role":"Advisor","branchId":"GB"}"""))).StatusCode);
        var upsert = await _client.PutAsync("/api/clients/GC1", Json("""{"name":"Zhou","phone":"13912345678","branchId":"GB","advisorId":"GE1"}"""));
        Assert.Equal(HttpStatusCode.OK, upsert.StatusCode);
        _trail.Unavailable = true;

        var response = await _client.GetAsync("/api/clients/GC1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("13912345678", await response.Content.ReadAsStringAsync());
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private string DatabaseFile => Path.Combine(_folder.Path, "gate.db");

    private async Task Sql(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The entries stored for a branch: action, target type, outcome and key name.</summary>
    private async Task<List<(string, string, string, string)>> EntriesFor(string branch)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT action, target_type, outcome, key_name FROM audit_entries WHERE target_id = $id ORDER BY sequence;";
        command.Parameters.AddWithValue("$id", branch);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<(string, string, string, string)>();
        while (await reader.ReadAsync())
        {
            entries.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return entries;
    }

    /// <summary>A trail that commits at once, or holds each entry until released, or fails.</summary>
    private sealed class ControlledTrail : IAuditTrail
    {
        private TaskCompletionSource? _hold;

        public TaskCompletionSource<AuditRecord> Appended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Unavailable { get; set; }

        public AuditRecord? Last { get; private set; }

        public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _hold?.TrySetResult();

        public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
        {
            if (Unavailable)
            {
                throw new AuditUnavailableException("The test's trail is down.");
            }

            Last = record;

            if (_hold is { } hold)
            {
                Appended.TrySetResult(record);
                await hold.Task;
            }
        }
    }

    private sealed class GateSilo(string folder, IAuditTrail trail) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Sqlite:Path", Path.Combine(folder, "gate.db"));
            builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Orleans:ClusterId", $"gate-{Guid.NewGuid():N}");
            builder.UseSetting("Auth:ApiKeys:0:Name", "admin");
            builder.UseSetting("Auth:ApiKeys:0:Key", AdminKey);
            builder.UseSetting("Auth:ApiKeys:0:Roles:0", "Admin");
            // With System too, as the operations key of a deployment that also syncs clients: it reads them unmasked.
            builder.UseSetting("Auth:ApiKeys:0:Roles:1", "System");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services => services.AddSingleton(trail));
        }
    }
}
