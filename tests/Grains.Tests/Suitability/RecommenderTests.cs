using CsCheck;
using WealthActors.Clients;
using WealthActors.Grains.Suitability;
using WealthActors.Suitability;

namespace WealthActors.Grains.Tests.Suitability;

public sealed class RecommenderTests
{
    private static readonly DateTimeOffset Now = SuitabilityRuleTests.Now;
    private static readonly DateOnly Today = SuitabilityRuleTests.Today;

    private static readonly Gen<ClientRiskProfile> Clients =
        Gen.Select(Gen.Int[0, 5], Gen.Int[-30, 400], Gen.Bool, Gen.Bool)
            .Select((level, expiresIn, noExpiry, professional) => new ClientRiskProfile(
                level == 0 ? null : (RiskLevel)level, noExpiry ? null : Today.AddDays(expiresIn), professional));

    private static readonly Gen<Product> Products =
        Gen.Select(Gen.Int[1, 5], Gen.Int[0, 4], Gen.Int[0, 5], Gen.Bool, Gen.Int[-5, 5], Gen.Int[-5, 5], Gen.Int[0, 9], Gen.Int[0, 999])
            .Select((risk, type, minimumMillions, closed, start, end, flags, code) => new Product(
                $"P{code:D3}", $"产品{code}", (ProductType)type, (ProductRisk)risk, minimumMillions * 500_000m, 12, "Issuer",
                flags % 3 == 0 ? Today.AddDays(start) : null, flags % 4 == 0 ? Today.AddDays(end) : null,
                ProfessionalOnly: flags % 5 == 0, 0, closed && flags % 2 == 0 ? ProductStatus.Closed : ProductStatus.OnSale));

    private static readonly Gen<Holding> Holdings =
        Gen.Select(Gen.Int[0, 999], Gen.Int[1, 5], Gen.Int[0, 40], Gen.Int[-10, 90])
            .Select((code, risk, amountHundredThousands, maturesIn) => new Holding(
                $"P{code:D3}", "持仓", (ProductRisk)risk, amountHundredThousands * 100_000m, Today.AddDays(maturesIn)));

    [Fact]
    public void Rank_RandomClientsAndShelves_NeverRecommendsAProductTheClientMayNotBuy_AndMissesNoneItMay()
    {
        Gen.Select(Clients, Products.Array[0, 30], Holdings.Array[0, 8]).Sample((client, shelf, holdings) =>
        {
            var unique = shelf.DistinctBy(p => p.Code).ToArray();
            var ranked = Recommender.Rank(client, holdings, unique, Now, limit: 100);
            foreach (var r in ranked)
            {
                var verdict = SuitabilityRule.Decide(r.Product, client, r.Product.MinimumInvestment, Now);
                if (verdict.Decision != SuitabilityDecision.Suitable)
                {
                    return false;
                }
            }

            var suitable = unique.Count(p => SuitabilityRule.Decide(p, client, p.MinimumInvestment, Now).Decision == SuitabilityDecision.Suitable);
            return ranked.Count == suitable && ranked.Zip(ranked.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score);
        }, iter: 2000);
    }

    [Fact]
    public void Rank_NoOrExpiredAssessment_RecommendsNothing()
    {
        var shelf = new[] { SuitabilityRuleTests.Product(ProductRisk.R1, 0m) };
        Assert.Empty(Recommender.Rank(new ClientRiskProfile(null, null, false), [], shelf, Now));
        Assert.Empty(Recommender.Rank(new ClientRiskProfile(RiskLevel.C5, Today, false), [], shelf, Now));
    }

    [Fact]
    public void Rank_MoneyFreedByAMaturity_PutsWhatItFundsFirst_AndSpreadsAcrossTypes()
    {
        var client = SuitabilityRuleTests.Valid(RiskLevel.C4);
        var trust = SuitabilityRuleTests.Product(ProductRisk.R3, 1_000_000m) with { Code = "TRUST2" };
        var fund = trust with { Code = "FUND", Type = ProductType.PublicFund, MinimumInvestment = 1_000m };
        var big = trust with { Code = "BIG", Type = ProductType.WealthProduct, MinimumInvestment = 5_000_000m };
        var holdings = new[]
        {
            new Holding("TRUST1", "到期信托", ProductRisk.R3, 1_200_000m, Today.AddDays(10)),
        };
        var shelf = new[] { trust with { Code = "TRUST1" }, trust, fund, big };

        var ranked = Recommender.Rank(client, holdings, shelf, Now);

        // The maturing 1.2 million covers the public fund and the trust plans; the fund is of another type than what the
        // client already holds, so it comes first; the 5-million product is neither funded nor affordable and comes last.
        Assert.Equal(["FUND", "TRUST1", "TRUST2", "BIG"], ranked.Select(r => r.Product.Code));
        Assert.True(ranked[0].FundedByMaturities);
        Assert.Equal(1_200_000m, ranked[0].FreedByMaturities);
    }
}
