using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

public static class Micro
{
    public static Task<int> Run(BenchArgs args) => Task.FromResult(Out.NotAvailable("Micro", "todo"));
}
