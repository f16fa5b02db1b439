using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using WealthActors.Grains.Sla;
using static WealthActors.Grains.Tests.Sla.SlaTesting;

namespace WealthActors.Grains.Tests.Sla;

/// <summary>The clock and fired events live in grain state, so every member must survive the Orleans serializer.</summary>
public sealed class SlaSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer()
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void SlaClock_RoundTrips_IncludingTheResponseSnapshot()
    {
        var t0 = Cst(2026, 3, 2, 9);
        var clock = SlaClock.Start(t0)
            .Pause(t0.AddHours(1), ContinuousCalendar.Instance)
            .Resume(t0.AddHours(2))
            .Respond(t0.AddHours(3))
            .ExtendRegulatory();

        var copy = Assert.IsType<SlaClock>(Serializer.Deserialize<SlaClock>(Serializer.SerializeToArray(clock)));

        Assert.Equal(clock, copy);
        Assert.Equal(t0.AddHours(2), copy.RunningAtResponse);
        Assert.Equal(TimeSpan.FromHours(1), copy.CreditedAtResponse);
    }

    [Fact]
    public void SlaEvent_RoundTrips_KeepingItsName()
    {
        var extended = new SlaEvent(SlaEventKind.RegulatoryWarning, 0, Cst(2026, 3, 26)) { Extended = true };

        var copy = Assert.IsType<SlaEvent>(Serializer.Deserialize<SlaEvent>(Serializer.SerializeToArray(extended)));

        Assert.Equal(extended, copy);
        Assert.Equal("regulatory-warning-extended", copy.Name);
    }
}
