using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

/// <summary>
/// 适当性: (product, client risk profile, amount, now) → decision and reasons, as a pure function. A sale is suitable
/// when the product's risk R is at most the client's level C, the assessment is there and still valid, the amount meets
/// the product's minimum, the product is on sale (status and window) and a professional-only product goes to a
/// professional investor. Anything but the risk level blocks; the risk level alone needs an approved override.
/// </summary>
public static class SuitabilityRule
{
    /// <summary>The firm's time zone: assessments expire and sale windows open and close on its dates.</summary>
    public static readonly TimeZoneInfo FirmTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly SuitabilityReason[] None = [];

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, FirmTimeZone).DateTime);

    public static SuitabilityVerdict Decide(Product product, ClientRiskProfile client, decimal amount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(client);
        var today = Today(now);
        var reasons = new List<SuitabilityReason>();

        if (client.Level is not { } level)
        {
            reasons.Add(SuitabilityReason.NoAssessment);
        }
        else
        {
            // Without a recorded expiry nobody can say the assessment is still valid.
            if (client.ExpiresOn is not { } expires || today >= expires)
            {
                reasons.Add(SuitabilityReason.AssessmentExpired);
            }

            if ((int)product.Risk > (int)level)
            {
                reasons.Add(SuitabilityReason.RiskExceeded);
            }
        }

        if (amount < product.MinimumInvestment)
        {
            reasons.Add(SuitabilityReason.BelowMinimum);
        }

        if (!IsOnSale(product, today))
        {
            reasons.Add(SuitabilityReason.NotOnSale);
        }

        if (product.ProfessionalOnly && !client.Professional)
        {
            reasons.Add(SuitabilityReason.NotProfessional);
        }

        if (reasons.Count == 0)
        {
            return new SuitabilityVerdict(SuitabilityDecision.Suitable, None);
        }

        var decision = reasons is [SuitabilityReason.RiskExceeded] ? SuitabilityDecision.NeedsOverride : SuitabilityDecision.Blocked;
        return new SuitabilityVerdict(decision, reasons.ToArray());
    }

    /// <summary>On sale: status <see cref="ProductStatus.OnSale"/> and today within the sale window (both ends inclusive).</summary>
    public static bool IsOnSale(Product product, DateOnly today) =>
        product.Status == ProductStatus.OnSale
        && (product.SaleStart is not { } start || today >= start)
        && (product.SaleEnd is not { } end || today <= end);

    /// <summary>Whether <paramref name="client"/> may buy <paramref name="product"/> at its minimum without any override.</summary>
    public static bool MayBuy(Product product, ClientRiskProfile client, DateTimeOffset now) =>
        Decide(product, client, product.MinimumInvestment, now).Decision == SuitabilityDecision.Suitable;
}
