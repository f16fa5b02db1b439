using System.Net;
using WealthActors.Silo.Tests.Audit;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

[Collection(ApiCollection.Name)]
public sealed class InteractionsApiTests(ApiFactory api)
{
    [Fact]
    public async Task Interactions_MoreThanTheClientKeeps_AreAllReadPageByPageNewestFirst()
    {
        var org = await PeopleOrg.Create(api);
        var system = api.As("System");
        const int logged = 45;
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        for (var i = 0; i < logged; i++)
        {
            await (await system.PostJson($"/api/clients/{org.Client}/interactions", new
            {
                kind = "Call", employeeId = org.Advisor, note = $"contact {i}", at = start.AddHours(i),
            })).Json(HttpStatusCode.Created);
        }

        // The chat's log command lands in the same history.
        var advisor = await api.AsPerson(org.Advisor);
        (await advisor.PostJson("/api/webchat/messages", new { text = $"log {org.Client} 聊天记录 via chat" })).EnsureSuccessStatusCode();

        var notes = new List<string>();
        string? url = $"/api/clients/{org.Client}/interactions?limit=20";
        var pages = 0;
        while (url is not null)
        {
            var page = await (await advisor.GetAsync(url)).Json(HttpStatusCode.OK);
            notes.AddRange(page["interactions"]!.AsArray().Select(e => e!.Str("note")!));
            pages++;
            url = page["next"] is { } next ? $"/api/clients/{org.Client}/interactions?limit=20&before={Uri.EscapeDataString(next.GetValue<string>())}" : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(logged + 1, notes.Count);
        Assert.Equal("聊天记录 via chat", notes[0]);
        Assert.Equal(Enumerable.Range(0, logged).Reverse().Select(i => $"contact {i}"), notes.Skip(1));
        var view = await (await system.GetAsync($"/api/clients/{org.Client}")).Json(HttpStatusCode.OK);
        Assert.Equal(20, view["recentInteractions"]!.AsArray().Count);
        var reads = (await AuditReader.Of(api, "client", org.Client)).Where(e => e.Str("action") == "client.read-interactions").ToList();
        Assert.Equal(pages, reads.Count);
        Assert.All(reads, e => Assert.Equal(org.Advisor, e.Str("employeeId")));
    }

    [Fact]
    public async Task Interactions_OutsideTheCallersReach_AnswerAsAnUnknownClient()
    {
        var org = await PeopleOrg.Create(api);
        await (await api.As("System").PostJson($"/api/clients/{org.Client}/interactions", new
        {
            kind = "Visit", employeeId = org.Advisor, note = "private",
        })).Json(HttpStatusCode.Created);

        var other = await (await api.AsPerson(org.OtherAdvisor)).GetAsync($"/api/clients/{org.Client}/interactions");
        var unknown = await (await api.AsPerson(org.OtherAdvisor)).GetAsync($"/api/clients/{org.Client}-none/interactions");
        var direct = await (await api.AsPerson(org.OtherAdvisor)).GetAsync($"/api/clients/{org.Client}");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        Assert.DoesNotContain("private", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var head = await (await (await api.AsPerson(org.Head)).GetAsync($"/api/clients/{org.Client}/interactions")).Json(HttpStatusCode.OK);
        Assert.Equal("private", head["interactions"]!.AsArray().Single()!.Str("note"));
        Assert.DoesNotContain(await AuditReader.Of(api, "client", org.Client),
            e => e.Str("action") == "client.read-interactions" && e.Str("employeeId") == org.OtherAdvisor);
    }

    [Theory]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("before=yesterday", "before")]
    [InlineData("before=12.x", "before")]
    public async Task Interactions_BadPaging_Is400NamingTheField(string query, string field)
    {
        var org = await PeopleOrg.Create(api);

        await (await api.As("System").GetAsync($"/api/clients/{org.Client}/interactions?{query}")).Problem(HttpStatusCode.BadRequest, field);
    }
}
