using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>A small branch with fresh ids for one test: head, advisor, a compliance officer and a VIP client.</summary>
public sealed record PeopleOrg(string Branch, string Head, string Advisor, string OtherAdvisor, string Compliance, string Client)
{
    public static async Task<PeopleOrg> Create(ApiFactory api)
    {
        var p = $"P{Guid.NewGuid().ToString("N")[..8]}";
        var org = new PeopleOrg($"{p}-B", $"{p}-E3", $"{p}-E1", $"{p}-E2", $"{p}-C9", $"{p}-C1");
        var admin = api.As("Admin");
        await (await admin.PutJson($"/api/branches/{org.Branch}", new { name = "Lujiazui", headEmployeeId = org.Head })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{org.Head}", new { name = "王行长", role = "BranchHead", branchId = org.Branch })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{org.Advisor}", new { name = "陈顾问", role = "Advisor", branchId = org.Branch, managerId = org.Head })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{org.OtherAdvisor}", new { name = "林顾问", role = "Advisor", branchId = org.Branch, managerId = org.Head })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{org.Compliance}", new { name = "合规 Audit", role = "Compliance", branchId = org.Branch })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/clients/{org.Client}", new
        {
            name = "周杰", birthday = "1971-05-20", phone = "13912345678", branchId = org.Branch, advisorId = org.Advisor, vip = true,
        })).Json(HttpStatusCode.OK);
        return org;
    }
}
