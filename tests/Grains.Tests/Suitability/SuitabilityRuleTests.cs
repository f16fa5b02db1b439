using WealthActors.Grains.Suitability;
using WealthActors.Suitability;

namespace WealthActors.Grains.Tests.Suitability;

public sealed class SuitabilityRuleTests
{
    /// <summary>2026-11-02 10:00 in Shanghai.</summary>
    internal static readonly DateTimeOffset Now = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    internal static readonly DateOnly Today = new(2026, 11, 2);

    internal static Product Product(ProductRisk risk = ProductRisk.R3, decimal minimum = 1_000_000m) =>
        new("TP001", "鑫盛1号集合资金信托", ProductType.TrustPlan, risk, minimum, 24, "鑫盛信托", null, null, false, 0, ProductStatus.OnSale);

    internal static ClientRiskProfile Valid(RiskLevel level, bool professional = false) => new(level, Today.AddDays(200), professional);

    public static TheoryData<RiskLevel, ProductRisk> Matrix()
    {
        var data = new TheoryData<RiskLevel, ProductRisk>();
        foreach (var c in Enum.GetValues<RiskLevel>())
        {
            foreach (var r in Enum.GetValues<ProductRisk>())
            {
                data.Add(c, r);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Decide_EveryClientLevelAgainstEveryProductRisk_SuitableExactlyWhenRCoveredByC(RiskLevel client, ProductRisk product)
    {
        var verdict = SuitabilityRule.Decide(Product(product), Valid(client), 1_000_000m, Now);

        if ((int)product <= (int)client)
        {
            Assert.Equal(SuitabilityDecision.Suitable, verdict.Decision);
            Assert.Empty(verdict.Reasons);
        }
        else
        {
            Assert.Equal(SuitabilityDecision.NeedsOverride, verdict.Decision);
            Assert.Equal([SuitabilityReason.RiskExceeded], verdict.Reasons);
        }
    }

    [Fact]
    public void Decide_TheMatrixCountsFifteenSuitableAndTenOverrides()
    {
        var decisions = Enum.GetValues<RiskLevel>()
            .SelectMany(c => Enum.GetValues<ProductRisk>().Select(r => SuitabilityRule.Decide(Product(r), Valid(c), 1_000_000m, Now).Decision))
            .ToList();
        Assert.Equal(15, decisions.Count(d => d == SuitabilityDecision.Suitable));
        Assert.Equal(10, decisions.Count(d => d == SuitabilityDecision.NeedsOverride));
    }

    [Fact]
    public void Decide_NoAssessment_Blocks()
    {
        var verdict = SuitabilityRule.Decide(Product(ProductRisk.R1), new ClientRiskProfile(null, null, false), 1_000_000m, Now);
        Assert.Equal(SuitabilityDecision.Blocked, verdict.Decision);
        Assert.Equal([SuitabilityReason.NoAssessment], verdict.Reasons);
    }

    [Theory]
    [InlineData(0, true)]    // expires today: no longer valid
    [InlineData(-1, true)]
    [InlineData(1, false)]   // expires tomorrow: still valid today
    public void Decide_AssessmentExpiry_BlocksFromItsExpiryDate(int expiresInDays, bool blocked)
    {
        var verdict = SuitabilityRule.Decide(Product(ProductRisk.R2), new ClientRiskProfile(RiskLevel.C3, Today.AddDays(expiresInDays), false), 1_000_000m, Now);
        Assert.Equal(blocked ? SuitabilityDecision.Blocked : SuitabilityDecision.Suitable, verdict.Decision);
        Assert.Equal(blocked, verdict.Reasons.Contains(SuitabilityReason.AssessmentExpired));
    }

    [Fact]
    public void Decide_ExpiredAndRiskExceeded_BlocksAndNamesBoth()
    {
        var verdict = SuitabilityRule.Decide(Product(ProductRisk.R5), new ClientRiskProfile(RiskLevel.C1, Today.AddDays(-3), false), 1_000_000m, Now);
        Assert.Equal(SuitabilityDecision.Blocked, verdict.Decision);
        Assert.Equal([SuitabilityReason.AssessmentExpired, SuitabilityReason.RiskExceeded], verdict.Reasons);
    }

    [Theory]
    [InlineData(999_999.99, true)]
    [InlineData(1_000_000, false)]
    [InlineData(3_000_000, false)]
    public void Decide_Amount_BelowTheMinimumBlocks(double amount, bool blocked)
    {
        var verdict = SuitabilityRule.Decide(Product(), Valid(RiskLevel.C5), (decimal)amount, Now);
        Assert.Equal(blocked, verdict.Reasons.Contains(SuitabilityReason.BelowMinimum));
        Assert.Equal(blocked ? SuitabilityDecision.Blocked : SuitabilityDecision.Suitable, verdict.Decision);
    }

    [Fact]
    public void Decide_ClosedProduct_IsNotOnSale()
    {
        var verdict = SuitabilityRule.Decide(Product() with { Status = ProductStatus.Closed }, Valid(RiskLevel.C5), 1_000_000m, Now);
        Assert.Equal(SuitabilityDecision.Blocked, verdict.Decision);
        Assert.Equal([SuitabilityReason.NotOnSale], verdict.Reasons);
    }

    [Theory]
    [InlineData(1, null, true)]      // window opens tomorrow
    [InlineData(0, null, false)]     // opens today
    [InlineData(null, 0, false)]     // closes today (inclusive)
    [InlineData(null, -1, true)]     // closed yesterday
    [InlineData(-10, 10, false)]
    public void Decide_SaleWindow_InclusiveOnBothEnds(int? startInDays, int? endInDays, bool notOnSale)
    {
        var product = Product() with
        {
            SaleStart = startInDays is { } s ? Today.AddDays(s) : null,
            SaleEnd = endInDays is { } e ? Today.AddDays(e) : null,
        };
        Assert.Equal(notOnSale, SuitabilityRule.Decide(product, Valid(RiskLevel.C5), 1_000_000m, Now).Reasons.Contains(SuitabilityReason.NotOnSale));
    }

    [Fact]
    public void Decide_SaleWindow_ReadsTheDateInShanghai()
    {
        // 2026-11-02 23:30 UTC is already 2026-11-03 in Shanghai: a window that ended on the 2nd has closed.
        var lateUtc = new DateTimeOffset(2026, 11, 2, 23, 30, 0, TimeSpan.Zero);
        var product = Product() with { SaleEnd = Today };
        Assert.Contains(SuitabilityReason.NotOnSale, SuitabilityRule.Decide(product, Valid(RiskLevel.C5), 1_000_000m, lateUtc).Reasons);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Decide_ProfessionalOnly_NeedsAProfessionalInvestor(bool professional, bool blocked)
    {
        var verdict = SuitabilityRule.Decide(Product() with { ProfessionalOnly = true }, Valid(RiskLevel.C5, professional), 1_000_000m, Now);
        Assert.Equal(blocked ? SuitabilityDecision.Blocked : SuitabilityDecision.Suitable, verdict.Decision);
        Assert.Equal(blocked, verdict.Reasons.Contains(SuitabilityReason.NotProfessional));
    }

    [Fact]
    public void Decide_ProfessionalInvestor_StillNeedsTheRiskLevel()
    {
        var verdict = SuitabilityRule.Decide(Product(ProductRisk.R5) with { ProfessionalOnly = true }, Valid(RiskLevel.C4, professional: true), 1_000_000m, Now);
        Assert.Equal(SuitabilityDecision.NeedsOverride, verdict.Decision);
    }

    [Fact]
    public void Decide_RiskExceededWithAnotherReason_IsBlockedNotOverridable()
    {
        var verdict = SuitabilityRule.Decide(Product(ProductRisk.R4), Valid(RiskLevel.C2), 10m, Now);
        Assert.Equal(SuitabilityDecision.Blocked, verdict.Decision);
        Assert.Equal([SuitabilityReason.RiskExceeded, SuitabilityReason.BelowMinimum], verdict.Reasons);
    }
}
