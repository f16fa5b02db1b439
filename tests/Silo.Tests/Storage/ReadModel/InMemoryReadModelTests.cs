using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Tests.Storage.ReadModel;

public sealed class InMemoryReadModelTests : ReadModelContractTests
{
    private readonly InMemoryReadModel _readModel = new();

    protected override IReadModelWriter Writer => _readModel;

    protected override IReadModelQueries Queries => _readModel;
}
