using WealthActors.Grains.ReadModel;
using WealthActors.Silo.Care;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Tests.Storage.ReadModel;

public sealed class InMemoryCareScanTests : CareScanContractTests
{
    private readonly InMemoryReadModel _readModel = new();

    protected override IReadModelWriter Writer => _readModel;

    protected override ICareScanQueries Care => _readModel;
}
