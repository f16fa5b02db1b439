using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using WealthActors.Clients;
using WealthActors.Grains.Clients;

namespace WealthActors.Grains.Tests.Clients;

/// <summary>The client state as it comes back from storage: the same values, shared identifiers stored once.</summary>
public sealed class ClientStateTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSingleton<ClientStateCallbacks>()
        .AddSerializer(builder => builder.AddAssembly(typeof(ClientState).Assembly).AddAssembly(typeof(ClientProfile).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void Deserialize_TwoClientsOfOneAdvisor_ShareIdentifiersAndKeepValues()
    {
        var first = RoundTrip(State("客户甲 " + Guid.NewGuid().ToString("N")));
        var second = RoundTrip(State("客户乙 " + Guid.NewGuid().ToString("N")));

        Assert.Equal(Runtime("BA", "0042"), first.Profile!.AdvisorId);
        Assert.Same(first.Profile.AdvisorId, second.Profile!.AdvisorId);
        Assert.Same(first.Profile.BranchId, second.Profile.BranchId);
        Assert.Same(first.Profile.Tags[0], second.Profile.Tags[0]);
        Assert.Same(first.Holdings[1].ProductName, second.Holdings[1].ProductName);
        Assert.Same(first.Holdings[1].ProductCode, second.Holdings[1].ProductCode);
        Assert.Same(first.RecentInteractions[0].EmployeeId, second.RecentInteractions[1].EmployeeId);
        Assert.Same(first.Household[0].Relation, second.Household[0].Relation);
        Assert.Equal([1_000m, 2_500m], first.Holdings.Select(h => h.Amount));
        Assert.Equal(2, first.RecentInteractions.Count);
        Assert.Equal(7, first.Revision);
    }

    [Fact]
    public void Deserialize_PersonalData_IsNeverPooled()
    {
        var name = "客户丙 " + Guid.NewGuid().ToString("N");
        var state = RoundTrip(State(name));

        Assert.Equal(name, state.Profile!.Name);
        Assert.Null(string.IsInterned(state.Profile.Name));
        Assert.Null(string.IsInterned(state.Profile.Phone!));
        Assert.Null(string.IsInterned(state.RecentInteractions[0].Note));
    }

    [Fact]
    public void Deserialize_NoTags_IsTheSharedEmptyArray()
    {
        var state = State("x" + Guid.NewGuid().ToString("N"));
        state.Profile = state.Profile! with { Tags = [] };

        Assert.Same(Array.Empty<string>(), RoundTrip(state).Profile!.Tags);
    }

    [Fact]
    public void Deserialize_EmptyOpenComplaints_HoldsNoSetAndKeepsOpenOnes()
    {
        var none = State("y" + Guid.NewGuid().ToString("N"));
        none.OpenComplaints = [];
        var some = State("z" + Guid.NewGuid().ToString("N"));
        some.OpenComplaints = ["CMP-1", "CMP-2"];

        Assert.Null(RoundTrip(none).OpenComplaints);
        Assert.Equal(["CMP-1", "CMP-2"], RoundTrip(some).OpenComplaints!.Order(StringComparer.Ordinal));
    }

    private static ClientState RoundTrip(ClientState state) => Serializer.Deserialize<ClientState>(Serializer.SerializeToArray(state))!;

    /// <summary>Built at run time so that no value starts out as an interned literal.</summary>
    private static string Runtime(string prefix, string rest) => string.Concat(prefix, rest);

    private static ClientState State(string name)
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        return new ClientState
        {
            Profile = new ClientProfile(name, new DateOnly(1970, 1, 2), "139" + Guid.NewGuid().ToString("N")[..8], null,
                Runtime("BR", "0042"), Runtime("BA", "0042"), false, RiskLevel.C3, new DateOnly(2026, 1, 10), [Runtime("be", "nch")]),
            Holdings =
            [
                new Holding(Runtime("P", "001"), Runtime("稳健理财", " 90天"), ProductRisk.R2, 1_000m, null),
                new Holding(Runtime("P", "002"), Runtime("进取基金", " A"), ProductRisk.R4, 2_500m, new DateOnly(2027, 1, 1)),
            ],
            Household = [new HouseholdMember("C" + Guid.NewGuid().ToString("N"), Runtime("spo", "use"))],
            RecentInteractions =
            [
                new Interaction(InteractionKind.Call, at, Runtime("BA", "0042"), "回访 " + Guid.NewGuid().ToString("N")),
                new Interaction(InteractionKind.Visit, at.AddDays(1), Runtime("BA", "0042"), "面谈 " + Guid.NewGuid().ToString("N")),
            ],
            CreatedAt = at,
            Revision = 7,
        };
    }
}
