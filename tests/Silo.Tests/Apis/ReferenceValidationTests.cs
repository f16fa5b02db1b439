using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

/// <summary>
/// What a request refers to must exist and the org chart's chains must end: each refusal is a 400 naming the field,
/// and the record stays as it was.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReferenceValidationTests(ApiFactory api)
{
    private static string NewId(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task PutEmployee_UnknownBranch_Is400NamingBranchIdAndCreatesNothing()
    {
        var id = NewId("E");

        var response = await api.As("Admin").PutJson($"/api/employees/{id}", new { name = "Chen", role = "Advisor", branchId = NewId("B") });

        await response.Problem(HttpStatusCode.BadRequest, "branchId");
        await (await api.As("Admin").GetAsync($"/api/employees/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutEmployee_UnknownManager_Is400NamingManagerIdAndCreatesNothing()
    {
        var seed = await Seed.Create(api);
        var id = NewId("E");

        var response = await api.As("Admin").PutJson($"/api/employees/{id}", new { name = "Chen", role = "Advisor", branchId = seed.Branch, managerId = NewId("E") });

        await response.Problem(HttpStatusCode.BadRequest, "managerId");
        await (await api.As("Admin").GetAsync($"/api/employees/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutEmployee_ManagerChainWouldLoop_Is400AndKeepsTheManager()
    {
        // Advisor → team lead → branch head; making the advisor the branch head's manager closes the loop.
        var seed = await Seed.Create(api);

        var response = await api.As("Admin").PutJson($"/api/employees/{seed.BranchHead}", new { name = "Wang", role = "BranchHead", branchId = seed.Branch, managerId = seed.Advisor });

        await response.Problem(HttpStatusCode.BadRequest, "managerId");
        var head = await (await api.As("Admin").GetAsync($"/api/employees/{seed.BranchHead}")).Json(HttpStatusCode.OK);
        Assert.Null(head["managerId"]?.GetValue<string>());
    }

    [Fact]
    public async Task PutEmployee_ManagerChainThatEnds_IsAccepted()
    {
        var seed = await Seed.Create(api);

        var response = await api.As("Admin").PutJson($"/api/employees/{seed.Advisor}", new { name = "Chen", role = "Advisor", branchId = seed.Branch, managerId = seed.BranchHead });

        Assert.Equal(seed.BranchHead, (await response.Json(HttpStatusCode.OK)).Str("managerId"));
    }

    [Fact]
    public async Task PutBranch_NewBranchBeforeItsHead_IsAccepted()
    {
        var id = NewId("B");

        var response = await api.As("Admin").PutJson($"/api/branches/{id}", new { name = "Pudong", headEmployeeId = NewId("E") });

        await response.Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PutBranch_ExistingBranchGivenAnUnknownHead_Is400NamingHeadEmployeeIdAndKeepsTheHead()
    {
        var seed = await Seed.Create(api);

        var response = await api.As("Admin").PutJson($"/api/branches/{seed.Branch}", new { name = "Lujiazui", headEmployeeId = NewId("E") });

        await response.Problem(HttpStatusCode.BadRequest, "headEmployeeId");
        var branch = await (await api.As("Admin").GetAsync($"/api/branches/{seed.Branch}")).Json(HttpStatusCode.OK);
        Assert.Equal(seed.BranchHead, branch.Str("headEmployeeId"));
    }

    [Fact]
    public async Task PutBranch_UnknownParent_Is400NamingParentBranchIdAndCreatesNothing()
    {
        var id = NewId("B");

        var response = await api.As("Admin").PutJson($"/api/branches/{id}", new { name = "Pudong", headEmployeeId = "E1", parentBranchId = NewId("R") });

        await response.Problem(HttpStatusCode.BadRequest, "parentBranchId");
        await (await api.As("Admin").GetAsync($"/api/branches/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutBranch_ParentChainWouldLoop_Is400AndKeepsTheParent()
    {
        var region = NewId("R");
        var branch = NewId("B");
        var admin = api.As("Admin");
        await (await admin.PutJson($"/api/branches/{region}", new { name = "East", headEmployeeId = "E9" })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/branches/{branch}", new { name = "Pudong", headEmployeeId = "E1", parentBranchId = region })).Json(HttpStatusCode.OK);

        var response = await admin.PutJson($"/api/branches/{region}", new { name = "East", headEmployeeId = "E9", parentBranchId = branch });

        await response.Problem(HttpStatusCode.BadRequest, "parentBranchId");
        Assert.Null((await (await admin.GetAsync($"/api/branches/{region}")).Json(HttpStatusCode.OK))["parentBranchId"]?.GetValue<string>());
    }

    [Fact]
    public async Task PutClient_UnknownBranch_Is400NamingBranchIdAndCreatesNothing()
    {
        var seed = await Seed.Create(api);
        var id = NewId("C");

        var response = await api.As("System").PutJson($"/api/clients/{id}", new { name = "X", branchId = NewId("B"), advisorId = seed.Advisor });

        await response.Problem(HttpStatusCode.BadRequest, "branchId");
        await (await api.As("System").GetAsync($"/api/clients/{id}")).Problem(HttpStatusCode.NotFound);
    }
}
