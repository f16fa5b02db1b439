using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

public static class ReportCommand
{
    public static Task<int> Run(BenchArgs args) => Task.FromResult(Out.NotAvailable("ReportCommand", "todo"));
}
