using System.Net;
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
/// Nothing acknowledged is unaudited: an answer waits for its entry's commit, and when the trail cannot commit the caller
/// gets 503 instead of the answer.
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
    public async Task Command_AnswerWaitsForTheEntrysCommit()
    {
        _trail.Hold();

        var answer = _client.PutAsync("/api/branches/GATE1", Json("""{"name":"Gate","headEmployeeId":"E1"}"""));
        var record = await _trail.Appended.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(answer.IsCompleted);
        Assert.Equal(("branch.upsert", "200"), (record.Action, record.Outcome));
        _trail.Release();
        Assert.Equal(HttpStatusCode.OK, (await answer).StatusCode);
    }

    [Fact]
    public async Task Command_TrailUnavailable_Is503InsteadOfTheAnswer()
    {
        _trail.Unavailable = true;

        var response = await _client.PutAsync("/api/branches/GATE2", Json("""{"name":"Gate","headEmployeeId":"E1"}"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("audit trail", body);
        Assert.DoesNotContain("GATE2", body);
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

    /// <summary>A trail that commits at once, or holds each entry until released, or fails.</summary>
    private sealed class ControlledTrail : IAuditTrail
    {
        private TaskCompletionSource? _hold;

        public TaskCompletionSource<AuditRecord> Appended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Unavailable { get; set; }

        public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _hold?.TrySetResult();

        public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
        {
            if (Unavailable)
            {
                throw new AuditUnavailableException("The test's trail is down.");
            }

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
