using WealthActors.Bench.Inside.Micro;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Hosting;

namespace WealthActors.Bench.Inside;

/// <summary>
/// <c>host</c> (the default): the silo exactly as the product's Program builds it, plus the bench-only diagnostics
/// endpoints under <c>/bench</c> that must run inside the silo process (heap size after a full collection, bulk
/// seeding, in-process activation). <c>micro &lt;name&gt;</c>: BenchmarkDotNet micro-benchmarks of the domain code.
/// </summary>
public static class BenchInside
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["micro", .. var rest])
        {
            return MicroBenchmarks.Run(rest);
        }

        var builder = WebApplication.CreateBuilder(args);
        builder.AddWealthActorsSilo();
        builder.AddWealthActorsApi();
        builder.Services.AddSingleton<ClientSeeder>();
        var app = builder.Build();
        app.MapWealthActorsApi();
        app.MapBenchDiagnostics();
        await app.RunAsync();
        return 0;
    }
}
