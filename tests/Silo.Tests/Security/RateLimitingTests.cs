using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Branches;
using WealthActors.Clients;
using WealthActors.Employees;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Security;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Security;

/// <summary>A real Silo whose limits are small enough to reach in a test: keys 2 a second (6 at once), anonymous 1 (3 at once), 2 streams.</summary>
public sealed class LimitedSiloFixture : IAsyncLifetime
{
    public ApiFactory Api { get; } = ApiFactory.With(new Dictionary<string, string?>
    {
        ["RateLimiting:Keys:PermitsPerSecond"] = "2",
        ["RateLimiting:Keys:Burst"] = "6",
        ["RateLimiting:Anonymous:PermitsPerSecond"] = "1",
        ["RateLimiting:Anonymous:Burst"] = "3",
        ["RateLimiting:InboxStreamsPerCaller"] = "2",
    });

    public IGrainFactory Grains => Api.Services.GetRequiredService<IGrainFactory>();

    public Task InitializeAsync()
    {
        Api.As(null).Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>Each caller's requests are counted apart; over the limit a request gets 429 and changes nothing.</summary>
public sealed class RateLimitingTests(LimitedSiloFixture silo) : IClassFixture<LimitedSiloFixture>
{
    [Fact]
    public async Task Burst_OverTheKeyLimit_Gets429WithRetryAfterAndTheRefusedRequestsChangeNothing()
    {
        var id = $"RL{Guid.NewGuid():N}"[..12];
        await silo.Grains.GetGrain<IBranchGrain>($"{id}-B").Upsert(new BranchProfile("Branch", $"{id}-E", null, null), Actor.System("test"));
        await silo.Grains.GetGrain<IEmployeeGrain>($"{id}-E").Upsert(new EmployeeProfile("Chen", EmployeeRole.Advisor, $"{id}-B", null, null, null), Actor.System("test"));
        var system = silo.Api.As("System");

        // One request after another, each naming the client differently: the stored name is the last one let through.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await system.PutJson($"/api/clients/{id}-C", new { name = $"name-{i}", branchId = $"{id}-B", advisorId = $"{id}-E" }));
        }

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.NotEmpty(refused);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        var problem = await refused[0].Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.All(refused, r => Assert.True(int.Parse(r.Headers.GetValues("Retry-After").Single()) >= 1));
        var lastAllowed = answers.FindLastIndex(a => a.StatusCode == HttpStatusCode.OK);
        var stored = await silo.Grains.GetGrain<IClientGrain>($"{id}-C").GetView();
        Assert.Equal($"name-{lastAllowed}", stored.Profile.Name);

        // Another key is another caller: its own bucket is full.
        await (await silo.Api.As("Compliance").GetAsync($"/api/clients/{id}-C")).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_GuessingKeys_Gets429AfterItsBurst_WhileHealthIsNotLimited()
    {
        var client = silo.Api.As(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", "a-guess-that-is-long-enough-0000");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add((await client.GetAsync("/api/sla-policies")).StatusCode);
        }

        var health = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => silo.Api.As(null).GetAsync("/health")));

        Assert.Contains(HttpStatusCode.Unauthorized, answers);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.All(health, h => Assert.Equal(HttpStatusCode.OK, h.StatusCode));
    }

    [Fact]
    public async Task InboxStreams_OneMoreThanTheCap_Gets429UntilOneCloses()
    {
        var id = $"ST{Guid.NewGuid():N}"[..12];
        await silo.Grains.GetGrain<IBranchGrain>($"{id}-B").Upsert(new BranchProfile("Branch", $"{id}-E", null, null), Actor.System("test"));
        await silo.Grains.GetGrain<IEmployeeGrain>($"{id}-E").Upsert(new EmployeeProfile("Li", EmployeeRole.TeamLead, $"{id}-B", null, null, null), Actor.System("test"));
        // The team lead follows their own inbox, as the web chat does.
        var manager = await silo.Api.AsPerson($"{id}-E");
        var path = $"/api/webchat/inbox/{id}-E/stream";

        var first = await manager.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        using var second = await manager.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        using var third = await manager.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("Too many open inbox streams.", (await third.Problem(HttpStatusCode.TooManyRequests)).Str("title"));
        Assert.True(int.Parse(third.Headers.GetValues("Retry-After").Single()) >= 1);

        // Closing a stream frees its place (the server notices the closed connection).
        first.Dispose();
        using var again = await Eventually.Until(
            () => manager.GetAsync(path, HttpCompletionOption.ResponseHeadersRead), r => r.StatusCode == HttpStatusCode.OK, "a place for a new stream", 30_000);
    }

    [Fact]
    public void CallerPartition_PersonBeforeKeyBeforeAddress()
    {
        ClaimsPrincipal With(params (string Type, string Value)[] claims) => new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

        Assert.Equal((CallerKind.Person, "employee:E1"), CallerPartition.Of(With((WealthActorsClaims.EmployeeId, "E1"), (WealthActorsClaims.KeyName, "core")), "10.0.0.1"));
        Assert.Equal((CallerKind.Key, "key:core"), CallerPartition.Of(With((WealthActorsClaims.KeyName, "core")), "10.0.0.1"));
        Assert.Equal((CallerKind.Anonymous, "ip:10.0.0.1"), CallerPartition.Of(new ClaimsPrincipal(new ClaimsIdentity()), "10.0.0.1"));
    }
}
