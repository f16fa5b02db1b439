using WealthActors.Silo.Tests.Bot;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>
/// The permission matrix's entry check on the Silo with WeCom and Teams switched on: the WeCom sign-in and the channels'
/// routes exist only there, so a new one of them without an entry fails here.
/// </summary>
[Collection(BotSiloCollection.Name)]
public sealed class ChannelRoutesPermissionTests(BotSiloFixture silo)
{
    [Fact]
    public void EveryRoute_WithTheChannelsOn_HasAnEntry_AndRequiresItsPolicy() =>
        PermissionMatrixTests.AssertEveryRouteHasItsEntry(silo.Api);
}
