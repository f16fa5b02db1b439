using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WealthActors.Grains.Complaints;
using WealthActors.Grains.ServiceRequests;
using WealthActors.Grains.Tasks;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Hosting;

/// <summary>Idle cases leave memory after two minutes, everything else after Orleans' default; an operator can change either.</summary>
[Collection(ApiCollection.Name)]
public sealed class GrainCollectionOptionsTests(ApiFactory api)
{
    [Fact]
    public void Start_WithoutSettings_CollectsIdleCasesAfterTwoMinutesAndTheRestAfterOrleansDefault()
    {
        var options = api.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        foreach (var caseGrain in new[] { typeof(ComplaintGrain), typeof(ServiceRequestGrain), typeof(TaskGrain) })
        {
            Assert.Equal(TimeSpan.FromMinutes(2), options.ClassSpecificCollectionAge[caseGrain.FullName!]);
        }

        Assert.Equal(new GrainCollectionOptions().CollectionAge, options.CollectionAge);
    }

    [Fact]
    public async Task Start_WithSettings_TheOperatorsAgesWin()
    {
        await using var configured = ApiFactory.With(new Dictionary<string, string?>
        {
            [$"{OrleansOptions.GrainCollectionSection}:CollectionAge"] = "00:30:00",
            [$"{OrleansOptions.GrainCollectionSection}:ClassSpecificCollectionAge:{typeof(ComplaintGrain).FullName}"] = "00:10:00",
        });

        var options = configured.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(30), options.CollectionAge);
        Assert.Equal(TimeSpan.FromMinutes(10), options.ClassSpecificCollectionAge[typeof(ComplaintGrain).FullName!]);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ClassSpecificCollectionAge[typeof(TaskGrain).FullName!]);
    }
}
