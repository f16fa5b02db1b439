namespace WealthActors.Suitability;

[GenerateSerializer, Alias("WealthActors.ProductType")]
public enum ProductType { TrustPlan = 0, PrivateFund = 1, WealthProduct = 2, Insurance = 3, PublicFund = 4 }

[GenerateSerializer, Alias("WealthActors.ProductStatus")]
public enum ProductStatus { OnSale = 0, Closed = 1 }

/// <summary>
/// A product on the shelf (key: its code). <see cref="SaleStart"/> and <see cref="SaleEnd"/> bound the sale window
/// (dates in the firm's time zone, both inclusive; null is open-ended). <see cref="CoolingOffHours"/> is the 冷静期
/// after a confirmed subscription before it becomes effective (0: none). <see cref="Version"/> is set by the catalog.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.Product")]
public sealed record Product(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] ProductType Type,
    [property: Id(3)] ProductRisk Risk,
    [property: Id(4)] decimal MinimumInvestment,
    [property: Id(5)] int? TermMonths,
    [property: Id(6)] string? Issuer,
    [property: Id(7)] DateOnly? SaleStart,
    [property: Id(8)] DateOnly? SaleEnd,
    [property: Id(9)] bool ProfessionalOnly,
    [property: Id(10)] int CoolingOffHours,
    [property: Id(11)] ProductStatus Status,
    [property: Id(12)] int Version = 0)
{
    /// <summary>冷静期 of a private fund when the shelf does not say: 24 hours (私募投资基金募集行为管理办法 art. 29).</summary>
    public const int DefaultPrivateFundCoolingOffHours = 24;
}

/// <summary>The product shelf (one catalog, key <see cref="DefaultKey"/>): small, read on every subscription.</summary>
[Alias("WealthActors.IProductCatalogGrain")]
public interface IProductCatalogGrain : IGrainWithStringKey
{
    const string DefaultKey = "default";

    /// <summary>Creates or replaces a product; the stored version increases by one.</summary>
    [Alias("Put")]
    Task<Product> Put(Product product, Actor actor);

    [Alias("Get"), ReadOnly]
    Task<Product?> Get(string code);

    /// <summary>Every product, by code.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<Product>> List();

    /// <summary>
    /// Products on sale that suit the client, best first (the API's and the chat's recommendations); never one the client
    /// may not buy. The caller checks that the asker reaches the client.
    /// </summary>
    [Alias("SuitableFor"), ReadOnly]
    Task<IReadOnlyList<Recommendation>> SuitableFor(string clientId, int limit);
}

/// <summary>
/// One product recommended to a client, with what made it rank where it did: whether money freed by maturities in the
/// next 30 days covers its minimum, and how much of the client's assets already
/// sit in products of its type.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.Recommendation")]
public sealed record Recommendation(
    [property: Id(0)] Product Product,
    [property: Id(1)] double Score,
    [property: Id(2)] decimal FreedByMaturities,
    [property: Id(3)] bool FundedByMaturities,
    [property: Id(4)] double TypeShare);

