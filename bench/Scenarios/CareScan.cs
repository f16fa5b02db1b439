using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// A care rule ("birthdays next week", "risk profile expiring", …) evaluated over the read model's clients. The
/// rules and their scheduled job are not in the product yet, so there is nothing of the product's to time.
/// </summary>
public static class CareScan
{
    public static Task<int> Run(BenchArgs args) =>
        Task.FromResult(Out.NotAvailable("care-scan", "needs-care-rules-in-the-product", ("storage", args.Storage)));
}
