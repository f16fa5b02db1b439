using System.Net;

namespace WealthActors.Silo.Tests.Infrastructure;

/// <summary>A fresh branch, its people and two clients through the API itself, with ids unique to the test.</summary>
public sealed class Seed
{
    private Seed(string prefix) => Prefix = prefix;

    public string Prefix { get; }
    public string Branch => $"{Prefix}-B";
    public string BranchHead => $"{Prefix}-E3";
    public string TeamLead => $"{Prefix}-E2";
    public string Advisor => $"{Prefix}-E1";
    public string VipClient => $"{Prefix}-C1";
    public string Client => $"{Prefix}-C2";

    public static async Task<Seed> Create(ApiFactory api)
    {
        var seed = new Seed($"S{Guid.NewGuid().ToString("N")[..8]}");
        var admin = api.As("Admin");
        await (await admin.PutJson($"/api/branches/{seed.Branch}", new { name = "Lujiazui", headEmployeeId = seed.BranchHead })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{seed.BranchHead}", new { name = "Wang", role = "BranchHead", branchId = seed.Branch })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{seed.TeamLead}", new { name = "Li", role = "TeamLead", branchId = seed.Branch, managerId = seed.BranchHead })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{seed.Advisor}", new { name = "Chen", role = "Advisor", branchId = seed.Branch, managerId = seed.TeamLead })).Json(HttpStatusCode.OK);
        var system = api.As("System");
        await (await system.PutJson($"/api/clients/{seed.VipClient}", new
        {
            name = $"张伟 {seed.Prefix}", birthday = "1968-03-14", phone = "13812345678", idNumber = "310101196803145678",
            branchId = seed.Branch, advisorId = seed.Advisor, vip = true, riskLevel = "C3", riskAssessedOn = "2026-01-10",
        })).Json(HttpStatusCode.OK);
        await (await system.PutJson($"/api/clients/{seed.Client}", new
        {
            name = $"刘芳 {seed.Prefix}", branchId = seed.Branch, advisorId = seed.Advisor,
        })).Json(HttpStatusCode.OK);
        return seed;
    }
}
