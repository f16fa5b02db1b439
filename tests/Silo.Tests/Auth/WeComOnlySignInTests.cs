using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>A Silo with WeCom and no OpenID Connect sign-in: the session cookie still exists, and WeCom opens it.</summary>
public sealed class WeComOnlySignInFixture : IAsyncLifetime
{
    public FakeWeComServer WeCom { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WeCom = await FakeWeComServer.StartAsync();
        var settings = WeComCallbackRequests.Settings(WeCom);
        settings["Auth:Oidc:ClientId"] = "";
        Api = ApiFactory.With(settings);
        Api.As(null).Dispose();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await WeCom.DisposeAsync();
    }
}

public sealed class WeComOnlySignInTests(WeComOnlySignInFixture silo) : IClassFixture<WeComOnlySignInFixture>
{
    [Fact]
    public async Task SignIn_WithWeComAlone_OpensTheConsoleSessionAndSignOutEndsIt()
    {
        var employee = $"Q{Guid.NewGuid():N}"[..12];
        var branch = $"{employee}-B";
        var admin = silo.Api.As("Admin");
        await (await admin.PutJson($"/api/branches/{branch}", new { name = "Pudong", headEmployeeId = employee })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{employee}", new { name = "周顾问", role = "Advisor", branchId = branch, wecomUserId = $"{employee}-zhou" }))
            .Json(HttpStatusCode.OK);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = silo.Api.BaseAddress };
        silo.WeCom.SignedIn = FakeWeComUser.Member($"{employee}-zhou");

        var me = await (await browser.GetAsync("/signin/wecom?returnUrl=%2Fapi%2Fme")).Json(HttpStatusCode.OK);
        var providerSignIn = await browser.GetAsync("/signin");
        browser.DefaultRequestHeaders.Add("X-WA-Console", "1");
        await browser.PostAsync("/signout", null);

        Assert.Equal((employee, "console"), (me.Str("employeeId"), me.Str("door")));
        Assert.Equal(HttpStatusCode.NotFound, providerSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }
}
