using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

public static class Startup
{
    public static Task<int> Run(BenchArgs args) => Task.FromResult(Out.NotAvailable("Startup", "todo"));
}
