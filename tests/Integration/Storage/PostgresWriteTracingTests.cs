using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using WealthActors.Grains.Diagnostics;
using WealthActors.Integration.Infrastructure;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Integration.Storage;

/// <summary>
/// A grain-state write on PostgreSQL, traced: its span is in the writer's trace, and the batch that carried it to the
/// server is a span of its own, linked to it, whose child is Npgsql's command.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWriteTracingTests(PostgresServer server) : IAsyncLifetime
{
    private readonly ActivitySource _test = new($"WealthActors.Tests.{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private ActivityListener _listener = null!;
    private PostgresTestSilo _silo = null!;

    private IGrainStorage Storage => _silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageHostingExtensions.GrainStorageName);

    public async Task InitializeAsync()
    {
        _silo = await PostgresTestSilo.SharedAsync(server, "grain_storage");
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source == _test || source.Name is WealthActorsTracing.SourceName or "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Task DisposeAsync()
    {
        _listener.Dispose();
        _test.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WriteState_Traced_TheWriteIsInTheWritersTraceAndItsBatchLinksToIt()
    {
        var id = GrainId.Create("counter", "traced-" + Guid.NewGuid().ToString("N"));
        ActivityContext writer;
        using (var command = _test.StartActivity("command")!)
        {
            writer = command.Context;
            await Storage.WriteStateAsync("state", id, new GrainState<CounterState>(new CounterState { Value = 1 }));
        }

        var write = Assert.Single(_stopped, a => a.DisplayName == TracedGrainStorage.WriteSpanName && a.ParentSpanId == writer.SpanId);
        Assert.Equal(writer.TraceId, write.TraceId);
        Assert.Equal(TracedGrainStorage.PostgreSql, write.GetTagItem("db.system.name"));
        Assert.Equal("counter", write.GetTagItem("wealthactors.grain.type"));
        // A batch's span ends once its writers have been answered.
        var batch = await Eventually.Until(
            () => Task.FromResult(_stopped.FirstOrDefault(a => a.DisplayName == PostgresStatementBatcher.WriteBatchSpanName
                                                                && a.Links.Any(l => l.Context.SpanId == write.SpanId))),
            b => b is not null, "the batch that carried the write");
        Assert.NotEqual(write.TraceId, batch!.TraceId);
        Assert.Contains(_stopped, a => a.Source.Name == "Npgsql" && a.ParentSpanId == batch.SpanId);
    }
}
