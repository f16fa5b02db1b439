using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Care;

/// <summary>A branch with its head, a team lead and an advisor, and clients added through the HTTP API.</summary>
public sealed class CareSeed
{
    private readonly ApiFactory _api;

    private CareSeed(ApiFactory api, string prefix)
    {
        _api = api;
        Prefix = prefix;
    }

    public string Prefix { get; }
    public string Branch => $"{Prefix}B";
    public string BranchHead => $"{Prefix}E3";
    public string TeamLead => $"{Prefix}E2";
    public string Advisor => $"{Prefix}E1";

    /// <param name="prefix">Tells the org apart from other tests' on a shared Silo.</param>
    public static async Task<CareSeed> Create(ApiFactory api, string prefix = "C")
    {
        var seed = new CareSeed(api, prefix);
        var admin = api.As("Admin");
        await (await admin.PutJson($"/api/branches/{seed.Branch}", new { name = "Pudong", headEmployeeId = seed.BranchHead })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{seed.BranchHead}", new { name = "Wang", role = "BranchHead", branchId = seed.Branch })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{seed.TeamLead}", new { name = "Li", role = "TeamLead", branchId = seed.Branch, managerId = seed.BranchHead })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{seed.Advisor}", new { name = "Chen", role = "Advisor", branchId = seed.Branch, managerId = seed.TeamLead })).Json(HttpStatusCode.OK);
        return seed;
    }

    public async Task Client(string clientId, string? birthday = null, bool vip = false, string? riskAssessedOn = null)
    {
        await (await _api.As("System").PutJson($"/api/clients/{clientId}", new
        {
            name = $"Client {clientId}", birthday, branchId = Branch, advisorId = Advisor, vip, riskLevel = riskAssessedOn is null ? null : "C3", riskAssessedOn,
        })).Json(HttpStatusCode.OK);
    }

    public async Task Holding(string clientId, string productCode, decimal amount, string? maturityDate = null)
    {
        await (await _api.As("System").PostJson($"/api/clients/{clientId}/holdings", new
        {
            productCode, productName = $"Fund {productCode}", productRisk = "R2", amount, maturityDate,
        })).Json(HttpStatusCode.OK);
    }

    public async Task Interaction(string clientId, DateTimeOffset at)
    {
        await (await _api.As("Advisor").PostJson($"/api/clients/{clientId}/interactions", new
        {
            kind = "Call", at, employeeId = Advisor, note = "Checked in",
        })).Json(HttpStatusCode.Created);
    }

    public async Task<JsonNode> Run(string job) =>
        await (await _api.As("Admin").PostAsync($"/api/admin/jobs/{job}/run", null)).Json(HttpStatusCode.OK);

    /// <summary>The keys of the employee's inbox messages (of one rule, when given), sorted.</summary>
    public async Task<string[]> Keys(string employeeId, string? rule = null) =>
        (await Inbox(employeeId)).Select(m => m.Str("key"))
            .Where(k => rule is null || k.StartsWith(rule + ":", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();

    public async Task<IReadOnlyList<JsonNode>> Inbox(string employeeId) =>
        (await (await _api.As("Admin").GetAsync($"/api/employees/{employeeId}/inbox")).Json(HttpStatusCode.OK)).AsArray().Select(n => n!).ToList();
}
