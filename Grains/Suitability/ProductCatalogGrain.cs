using Microsoft.Extensions.Logging;
using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

public sealed partial class ProductCatalogGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<ProductCatalogState> state,
    TimeProvider clock,
    ILogger<ProductCatalogGrain> logger) : Grain, IProductCatalogGrain
{
    public async Task<Product> Put(Product product, Actor actor)
    {
        if (ProductRules.Validate(product) is [var first, ..])
        {
            throw new DomainValidationException(first.Field, first.Message);
        }

        var version = state.State.Products.TryGetValue(product.Code, out var existing) ? existing.Version + 1 : 1;
        var stored = product with { Version = version };
        state.State.Products[product.Code] = stored;
        await state.WriteStateAsync();
        LogStored(logger, product.Code, version, actor.Id);
        return stored;
    }

    public Task<Product?> Get(string code) => Task.FromResult(state.State.Products.GetValueOrDefault(code));

    public Task<IReadOnlyList<Product>> List()
    {
        IReadOnlyList<Product> all = state.State.Products.Values.OrderBy(p => p.Code, StringComparer.Ordinal).ToArray();
        return Task.FromResult(all);
    }

    public async Task<IReadOnlyList<Recommendation>> SuitableFor(string clientId, int limit)
    {
        var view = await GrainFactory.GetGrain<WealthActors.Clients.IClientGrain>(clientId).GetView();
        var profile = new ClientRiskProfile(view.Profile.RiskLevel, view.RiskExpiresOn, view.ProfessionalInvestor);
        return Recommender.Rank(profile, view.Holdings, [.. state.State.Products.Values], clock.GetUtcNow(), limit);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Product {ProductCode} stored as version {Version} by {ActorId}")]
    private static partial void LogStored(ILogger logger, string productCode, int version, string actorId);
}

[GenerateSerializer, Alias("WealthActors.ProductCatalogState")]
public sealed class ProductCatalogState
{
    [Id(0)] public Dictionary<string, Product> Products { get; set; } = new(StringComparer.Ordinal);
}
