using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

public static class GrainMemory
{
    public static Task<int> Run(BenchArgs args) => Task.FromResult(Out.NotAvailable("GrainMemory", "todo"));
}
