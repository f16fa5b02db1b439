using WealthActors.Silo.Apis;
using WealthActors.Silo.Hosting;

namespace WealthActors.Bench.Inside;

public static class BenchInside
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddWealthActorsSilo();
        builder.AddWealthActorsApi();
        var app = builder.Build();
        app.MapWealthActorsApi();
        await app.RunAsync();
        return 0;
    }
}
