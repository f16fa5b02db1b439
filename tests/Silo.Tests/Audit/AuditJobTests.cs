using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Audit;
using WealthActors.Silo.Jobs;
using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Tests.Storage;

namespace WealthActors.Silo.Tests.Audit;

/// <summary>A run that Quartz fires is an audit entry of channel <c>job</c>, with a digest of what the run did.</summary>
public sealed class AuditJobTests
{
    private const string JobName = "audit-test-job";

    [Fact]
    public async Task ScheduledRun_IsRecordedWithItsResult()
    {
        using var folder = new TempFolder();
        await using var silo = new JobSilo(folder.Path);
        _ = silo.Server;
        var store = silo.Services.GetRequiredService<IAuditStore>();

        var entries = await Eventually.Until(
            () => store.QueryAsync(new AuditQuery(TargetType: "job", TargetId: JobName)),
            found => found.Count > 0, "a scheduled run's audit entry", timeoutMs: 30_000);

        var record = entries[0].Record;
        Assert.Equal((AuditChannels.Job, $"job.{JobName}", AuditOutcomes.Ok), (record.Channel, record.Action, record.Outcome));
        Assert.Null(record.KeyName);
        Assert.Equal(AuditDigests.Of(JsonSerializer.Serialize(new JobRunResult(JobName, 3, 1))), record.Digest);
    }

    public sealed class TestRunner : IWealthActorsJobRunner
    {
        public string Name => JobName;

        public Task<JobRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult(new JobRunResult(JobName, 3, 1));
    }

    private sealed class JobSilo(string folder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Sqlite:Path", Path.Combine(folder, "jobs.db"));
            builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Orleans:ClusterId", $"audit-jobs-{Guid.NewGuid():N}");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services => services.AddWealthActorsJobRunner<TestRunner>(JobName, "* * * * * ?"));
        }
    }
}
