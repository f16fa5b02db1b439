using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

public static class BotRoundtrip
{
    public static Task<int> Run(BenchArgs args) => Task.FromResult(Out.NotAvailable("BotRoundtrip", "todo"));
}
