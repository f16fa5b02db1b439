using System.Net;
using WealthActors.Silo.Tests.Bot;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>
/// Signing into the web pages: the authorization code flow with PKCE against the real provider, a session cookie, and
/// the cookie never enough on its own for a change. In the bot collection, like the browser test, because both say
/// whose browser session the shared provider has.
/// </summary>
[Collection(BotSiloCollection.Name)]
public sealed class ConsoleSignInTests(BotSiloFixture silo)
{
    [Fact]
    public async Task SignIn_CodeFlowWithTheProvider_OpensASessionAsThatPerson()
    {
        var org = await PeopleOrg.Create(silo.Api);
        using var browser = Browser();

        ApiFactory.IdentityProvider.SignedInEmployee = org.Advisor;
        var landed = await browser.GetAsync("/signin?returnUrl=%2Fapi%2Fme");

        Assert.Equal(new Uri(silo.Api.BaseAddress, "/api/me"), landed.RequestMessage!.RequestUri);
        var me = await landed.Json(HttpStatusCode.OK);
        Assert.Equal(org.Advisor, me.Str("employeeId"));
        Assert.Equal("console", me.Str("door"));
    }

    [Fact]
    public async Task SignIn_OfAPersonWhoIsNoEmployee_Is403AndOpensNoSession()
    {
        using var browser = Browser();
        ApiFactory.IdentityProvider.SignedInEmployee = $"X{Guid.NewGuid():N}"[..16];

        var landed = await browser.GetAsync("/signin?returnUrl=%2Fapi%2Fme");

        await landed.Problem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Session_ChangeWithoutTheConsoleHeader_IsRefusedAndChangesNothing()
    {
        var org = await PeopleOrg.Create(silo.Api);
        var id = (await (await silo.Api.As("System").PostJson("/api/complaints", new
        {
            clientId = org.Client, category = "Service", severity = "High", channel = "branch", description = "Slow", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");
        using var browser = Browser();
        ApiFactory.IdentityProvider.SignedInEmployee = org.Advisor;
        await (await browser.GetAsync("/signin?returnUrl=%2Fapi%2Fme")).Json(HttpStatusCode.OK);

        var forged = await browser.PostJson($"/api/complaints/{id}/notes", new { text = "forged by another site" });
        browser.DefaultRequestHeaders.Add("X-WA-Console", "1");
        var genuine = await browser.PostJson($"/api/complaints/{id}/notes", new { text = "typed in the console" });

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var notes = (await genuine.Json(HttpStatusCode.OK))["timeline"]!.AsArray().Where(t => t!.Str("kind") == "Note").ToList();
        Assert.Equal("typed in the console", Assert.Single(notes)!.Str("text"));
        Assert.Equal(org.Advisor, notes[0]!.Str("by"));
    }

    [Fact]
    public async Task SignIn_ReturnUrlOfAnotherSite_LandsOnThisSilo()
    {
        var org = await PeopleOrg.Create(silo.Api);
        using var browser = Browser();
        ApiFactory.IdentityProvider.SignedInEmployee = org.Advisor;

        var landed = await browser.GetAsync("/signin?returnUrl=%2F%2Fevil.example%2F");

        Assert.Equal(silo.Api.BaseAddress.Authority, landed.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("/", landed.RequestMessage.RequestUri.AbsolutePath);
    }

    /// <summary>A browser-like client: follows redirects between the Silo and the provider and keeps cookies.</summary>
    private HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
        {
            BaseAddress = silo.Api.BaseAddress,
        };
}
