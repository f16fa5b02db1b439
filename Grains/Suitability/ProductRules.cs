using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

/// <summary>Whether a product is well-formed (field names as in the HTTP API).</summary>
public static class ProductRules
{
    /// <summary>冷静期 longer than this is almost certainly a unit mistake (days typed as hours are still within it).</summary>
    public const int MaxCoolingOffHours = 24 * 30;

    public static IReadOnlyList<(string Field, string Message)> Validate(Product product)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(product.Code))
        {
            problems.Add(("code", "must not be empty."));
        }

        if (string.IsNullOrWhiteSpace(product.Name))
        {
            problems.Add(("name", "must not be empty."));
        }

        if (!Enum.IsDefined(product.Type))
        {
            problems.Add(("type", $"must be one of {string.Join(", ", Enum.GetNames<ProductType>())}."));
        }

        if (!Enum.IsDefined(product.Risk))
        {
            problems.Add(("risk", "must be one of R1…R5."));
        }

        if (!Enum.IsDefined(product.Status))
        {
            problems.Add(("status", "must be OnSale or Closed."));
        }

        if (product.MinimumInvestment < 0 || product.MinimumInvestment >= 1_000_000_000_000m)
        {
            problems.Add(("minimumInvestment", "must be between 0 and 1,000,000,000,000."));
        }

        if (product.TermMonths is < 1 or > 1200)
        {
            problems.Add(("termMonths", "must be between 1 and 1200."));
        }

        if (product.CoolingOffHours is < 0 or > MaxCoolingOffHours)
        {
            problems.Add(("coolingOffHours", $"must be between 0 and {MaxCoolingOffHours}."));
        }

        if (product.SaleStart is { } start && product.SaleEnd is { } end && end < start)
        {
            problems.Add(("saleEnd", "must not be before saleStart."));
        }

        return problems;
    }
}
