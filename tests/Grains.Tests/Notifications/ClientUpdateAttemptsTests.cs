using WealthActors.Grains.Notifications;

namespace WealthActors.Grains.Tests.Notifications;

public sealed class ClientUpdateAttemptsTests
{
    private static readonly string[] Planned = ["wecom", "sms"];

    [Fact]
    public void Fresh_TakesThePlannedOrder() =>
        Assert.Equal(Planned, ClientUpdateAttempts.Order(Planned, null, null, null, 5));

    [Fact]
    public void TheChannelItWasWith_ComesFirst() =>
        Assert.Equal(["sms", "wecom"], ClientUpdateAttempts.Order(Planned, "sms", null, new Dictionary<string, int> { ["sms"] = 2 }, 5));

    [Fact]
    public void RefusingAndGivenUpChannels_AreLeftOut()
    {
        Assert.Equal(["sms"], ClientUpdateAttempts.Order(Planned, null, new Dictionary<string, string> { ["wecom"] = "no" }, null, 5));
        Assert.Equal(["sms"], ClientUpdateAttempts.Order(Planned, "wecom", null, new Dictionary<string, int> { ["wecom"] = 5 }, 5));
        Assert.Empty(ClientUpdateAttempts.Order(Planned, null, new Dictionary<string, string> { ["wecom"] = "no", ["sms"] = "bad number" }, null, 5));
    }

    [Fact]
    public void AChannelNoLongerPlanned_IsNotAskedAgain() =>
        Assert.Equal(["sms"], ClientUpdateAttempts.Order(["sms"], "wecom", null, null, 5));
}
