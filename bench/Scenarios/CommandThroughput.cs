using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

public static class CommandThroughput
{
    public static Task<int> Run(BenchArgs args) => Task.FromResult(Out.NotAvailable("CommandThroughput", "todo"));
}
