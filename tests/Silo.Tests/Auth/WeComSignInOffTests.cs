using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>Where WeCom is not configured, its sign-in does not exist; the web chat page shows its link all the same.</summary>
[Collection(ApiCollection.Name)]
public sealed class WeComSignInOffTests(ApiFactory api)
{
    [Fact]
    public async Task WeComSignIn_WithoutWeCom_Is404()
    {
        using var anonymous = api.As(null);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/signin/wecom?returnUrl=%2Fwebchat%2F")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/signin/wecom/callback?code=x&state=y")).StatusCode);
    }
}
