namespace WealthActors.Grains.Tests.State;

public sealed class GroupCommitTests
{
    /// <summary>A write that records what it stored and finishes when the test says so.</summary>
    private sealed class GatedStore
    {
        private readonly Queue<TaskCompletionSource> _gates = new();

        public List<int> Value { get; } = [];

        public List<int[]> Writes { get; } = [];

        public Task Write()
        {
            Writes.Add([.. Value]);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _gates.Enqueue(gate);
            return gate.Task;
        }

        public void Finish() => _gates.Dequeue().SetResult();

        public void Fail() => _gates.Dequeue().SetException(new InvalidOperationException("storage down"));
    }

    [Fact]
    public Task Request_WhileAWriteIsInFlight_IsServedWithTheOthersByOneNextWrite() => OneTurnAtATime(async () =>
    {
        var store = new GatedStore();
        var commits = new GroupCommit(store.Write);

        store.Value.Add(1);
        var first = commits.Request();
        store.Value.Add(2);
        var second = commits.Request();
        store.Value.Add(3);
        var third = commits.Request();

        Assert.Equal([[1]], store.Writes);
        Assert.False(second.IsCompleted);
        store.Finish();
        await first;
        await WaitFor(() => store.Writes.Count == 2);
        Assert.False(second.IsCompleted);
        Assert.Equal([1, 2, 3], store.Writes[1]);
        store.Finish();
        await Task.WhenAll(second, third);
        Assert.Equal(2, store.Writes.Count);
        Assert.Same(second, third);
    });

    [Fact]
    public Task Request_AfterEverythingIsWritten_StartsAFreshWriteAtOnce() => OneTurnAtATime(async () =>
    {
        var store = new GatedStore();
        var commits = new GroupCommit(store.Write);
        var first = commits.Request();
        store.Finish();
        await first;
        await WaitFor(() => commits.Settled.IsCompleted);

        store.Value.Add(7);
        var again = commits.Request();

        Assert.Equal([7], store.Writes[^1]);
        store.Finish();
        await again;
        Assert.Equal(2, store.Writes.Count);
    });

    [Fact]
    public Task Request_FailedWrite_FaultsItsRequestersAndTheNextBatchStillWrites() => OneTurnAtATime(async () =>
    {
        var store = new GatedStore();
        var commits = new GroupCommit(store.Write);
        var failing = commits.Request();
        var next = commits.Request();

        store.Fail();
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await WaitFor(() => store.Writes.Count == 2);
        store.Finish();
        await next;
    });

    [Fact]
    public Task Settled_WaitsForTheLatestRequestedWriteAndFaultsWithIt() => OneTurnAtATime(async () =>
    {
        var store = new GatedStore();
        var commits = new GroupCommit(store.Write);
        Assert.True(commits.Settled.IsCompletedSuccessfully);

        _ = commits.Request();
        var queued = commits.Request();
        var settled = commits.Settled;
        store.Finish();
        await WaitFor(() => store.Writes.Count == 2);
        Assert.False(settled.IsCompleted);
        store.Fail();

        await Assert.ThrowsAsync<InvalidOperationException>(() => settled);
        Assert.True(queued.IsFaulted);
    });

    [Fact]
    public Task Request_WriteThatThrowsBeforeItsFirstAwait_FaultsTheRequestInsteadOfThrowing() => OneTurnAtATime(async () =>
    {
        var calls = 0;
        var commits = new GroupCommit(() => ++calls == 1 ? throw new InvalidOperationException("bad state") : Task.CompletedTask);

        var failed = commits.Request();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        await commits.Request();
        Assert.Equal(2, calls);
    });

    /// <summary>Runs the test like a grain's turns: one piece at a time, continuations on the same scheduler.</summary>
    private static Task OneTurnAtATime(Func<Task> test) =>
        Task.Factory.StartNew(test, CancellationToken.None, TaskCreationOptions.None,
            new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();

    // The next batch starts in a continuation, which runs once the test yields the scheduler.
    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Yield();
        }
    }
}
