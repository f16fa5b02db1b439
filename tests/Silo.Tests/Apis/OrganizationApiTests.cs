using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Employees;
using WealthActors.Grains.Employees;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

[Collection(ApiCollection.Name)]
public sealed class OrganizationApiTests(ApiFactory api)
{
    [Fact]
    public async Task PutBranch_Valid_StoresAndReadsBack()
    {
        var admin = api.As("Admin");
        var id = $"B{Guid.NewGuid():N}"[..12];

        await (await admin.PutJson("/api/branches/EAST", new { name = "East", headEmployeeId = "E9" })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/branches/{id}", new { name = "Pudong", headEmployeeId = "E1", parentBranchId = "EAST" })).Json(HttpStatusCode.OK);
        var branch = await (await admin.GetAsync($"/api/branches/{id}")).Json(HttpStatusCode.OK);

        Assert.Equal("Pudong", branch.Str("name"));
        Assert.Equal("EAST", branch.Str("parentBranchId"));
    }

    [Fact]
    public async Task PutBranch_MissingName_Is400NamingIt()
    {
        var response = await api.As("Admin").PutJson("/api/branches/B-bad", new { headEmployeeId = "E1" });

        await response.Problem(HttpStatusCode.BadRequest, "name");
        Assert.Equal(HttpStatusCode.NotFound, (await api.As("Admin").GetAsync("/api/branches/B-bad")).StatusCode);
    }

    [Fact]
    public async Task PutEmployee_UnknownRole_Is400NamingIt()
    {
        var response = await api.As("Admin").PutRaw("/api/employees/E-bad", """{"name":"X","role":"Boss","branchId":"B1"}""");

        await response.Problem(HttpStatusCode.BadRequest, "role");
        Assert.Equal(HttpStatusCode.NotFound, (await api.As("Admin").GetAsync("/api/employees/E-bad")).StatusCode);
    }

    [Fact]
    public async Task Inbox_UnknownEmployee_Is404()
    {
        var response = await api.As("Manager").GetAsync("/api/employees/NOBODY-HERE/inbox");

        await response.Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Inbox_NewEmployee_IsEmptyList()
    {
        var seed = await Seed.Create(api);

        var inbox = await (await api.As("Manager").GetAsync($"/api/employees/{seed.BranchHead}/inbox")).Json(HttpStatusCode.OK);

        Assert.Empty(inbox.AsArray());
    }

    [Fact]
    public async Task Inbox_MoreMessagesThanTheGrainKeeps_ReturnsTheNewestFromGrainAndReadModel()
    {
        var seed = await Seed.Create(api);
        var employee = api.Services.GetRequiredService<IGrainFactory>().GetGrain<IEmployeeGrain>(seed.BranchHead);
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var count = EmployeeGrain.RecentLimit + 10;
        for (var i = 0; i < count; i++)
        {
            var key = $"merge-{i:000}";
            await employee.Deliver(new InboxMessage($"{seed.BranchHead}-{key}", InboxKind.Info, key, null, null, $"消息 {i}", start.AddMinutes(i), ["inbox"]));
        }

        var all = await (await api.As("Manager").GetAsync($"/api/employees/{seed.BranchHead}/inbox")).Json(HttpStatusCode.OK);
        var few = await (await api.As("Manager").GetAsync($"/api/employees/{seed.BranchHead}/inbox?limit=5")).Json(HttpStatusCode.OK);

        Assert.Equal(Enumerable.Range(0, count).Reverse().Select(i => $"merge-{i:000}"), all.AsArray().Select(m => m!.Str("key")));
        Assert.Equal(Enumerable.Range(count - 5, 5).Reverse().Select(i => $"merge-{i:000}"), few.AsArray().Select(m => m!.Str("key")));
    }

    [Theory]
    [InlineData("/api/employees/..%2Fetc/inbox")]
    [InlineData("/api/employees/bad%01id/inbox")]
    [InlineData("/api/employees/%E5%BC%A0%E4%B8%89/inbox")]
    public async Task Inbox_IdWithPathOrControlCharacters_Is400(string url)
    {
        var response = await api.As("Manager").GetAsync(url);

        await response.Problem(HttpStatusCode.BadRequest, "employeeId");
    }
}
