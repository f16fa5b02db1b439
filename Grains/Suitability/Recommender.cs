using WealthActors.Clients;
using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

/// <summary>
/// Recommendations within the client's risk level, as a pure function. Only products the client may buy at their
/// minimum with no override (<see cref="SuitabilityRule.MayBuy"/>) are ever candidates; they are ranked by what fits:
/// money freed by maturities soon, a minimum the client can meet, and spreading across product types.
/// </summary>
public static class Recommender
{
    public const int MaturityWindowDays = 30;

    public static IReadOnlyList<Recommendation> Rank(
        ClientRiskProfile client, IReadOnlyList<Holding> holdings, IReadOnlyList<Product> shelf, DateTimeOffset now, int limit = 10)
    {
        var today = SuitabilityRule.Today(now);
        var freed = holdings
            .Where(h => h.MaturityDate is { } d && d >= today && d <= today.AddDays(MaturityWindowDays))
            .Sum(h => h.Amount);
        var aum = holdings.Sum(h => h.Amount);
        var typeOf = shelf.GroupBy(p => p.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
        var byType = holdings
            .Where(h => typeOf.ContainsKey(h.ProductCode))
            .GroupBy(h => typeOf[h.ProductCode])
            .ToDictionary(g => g.Key, g => g.Sum(h => h.Amount));

        return shelf
            .Where(p => SuitabilityRule.MayBuy(p, client, now))
            .Select(p =>
            {
                var funded = freed > 0 && freed >= p.MinimumInvestment;
                var affordable = p.MinimumInvestment <= 0 ? 1.0 : aum <= 0 ? 0.0 : Math.Max(0.0, 1.0 - (double)(p.MinimumInvestment / aum));
                var share = aum <= 0 ? 0.0 : (double)(byType.GetValueOrDefault(p.Type) / aum);
                var score = (funded ? 2.0 : 0.0) + affordable - 1.5 * share;
                return new Recommendation(p, Math.Round(score, 4), freed, funded, Math.Round(share, 4));
            })
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Product.Code, StringComparer.Ordinal)
            .Take(limit)
            .ToArray();
    }
}
