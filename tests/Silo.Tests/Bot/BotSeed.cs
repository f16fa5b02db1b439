using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Bot;

/// <summary>
/// A fresh branch through the API: branch head, team lead and advisor with WeCom UserIDs (or, for the Teams tests,
/// Teams users named by their Entra object ids), a VIP client of the advisor, and an SLA policy whose first
/// escalation (to the team lead) falls due seconds after opening.
/// </summary>
public sealed class BotSeed
{
    private BotSeed(string prefix, bool teams)
    {
        Prefix = prefix;
        Teams = teams;
    }

    public string Prefix { get; }
    public string Branch => $"{Prefix}-B";
    public string BranchHead => $"{Prefix}-E3";
    public string TeamLead => $"{Prefix}-E2";
    public string Advisor => $"{Prefix}-E1";
    public string Client => $"{Prefix}-C1";
    public string ClientName => $"周杰{Prefix}";
    public string FastPolicy => $"{Prefix}-fast";

    public string AdvisorWeCom => $"{Prefix.ToLowerInvariant()}-chen";
    public string TeamLeadWeCom => $"{Prefix.ToLowerInvariant()}-li";

    /// <summary>Whether the employees were registered with Teams users instead of WeCom users.</summary>
    public bool Teams { get; }

    /// <summary>The advisor's Microsoft Entra object id, registered as their <c>teamsUserId</c>.</summary>
    public string AdvisorTeams { get; } = Guid.NewGuid().ToString("D");

    public string TeamLeadTeams { get; } = Guid.NewGuid().ToString("D");

    public static async Task<BotSeed> Create(ApiFactory api, string escalateAfter = "PT3S", bool teams = false)
    {
        var seed = new BotSeed($"W{Guid.NewGuid().ToString("N")[..8]}", teams);
        var admin = api.As("Admin");
        await (await admin.PutJson($"/api/branches/{seed.Branch}", new { name = "Lujiazui", headEmployeeId = seed.BranchHead })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{seed.BranchHead}", new { name = "王行长", role = "BranchHead", branchId = seed.Branch })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{seed.TeamLead}", new
        {
            name = "李经理", role = "TeamLead", branchId = seed.Branch, managerId = seed.BranchHead,
            wecomUserId = teams ? null : seed.TeamLeadWeCom, teamsUserId = teams ? seed.TeamLeadTeams : null,
        })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/employees/{seed.Advisor}", new
        {
            name = "陈顾问", role = "Advisor", branchId = seed.Branch, managerId = seed.TeamLead,
            wecomUserId = teams ? null : seed.AdvisorWeCom, teamsUserId = teams ? seed.AdvisorTeams : null,
        })).Json(HttpStatusCode.OK);
        await (await api.As("System").PutJson($"/api/clients/{seed.Client}", new
        {
            name = seed.ClientName, phone = "13912345678", idNumber = "310101196803145678", branchId = seed.Branch, advisorId = seed.Advisor, vip = true,
        })).Json(HttpStatusCode.OK);
        await (await admin.PutJson($"/api/sla-policies/{seed.FastPolicy}", new
        {
            name = "Seconds-long test policy", match = new { categories = new[] { "never-matches" } }, priority = 0, clock = "Calendar",
            firstResponse = "PT1H", resolution = "P1D", warnAt = 0.9,
            escalations = new[] { new { after = escalateAfter, toRole = "TeamLead", action = "Notify" } },
        })).Json(HttpStatusCode.OK);
        return seed;
    }

    /// <summary>Opens a complaint for the client under the fast policy; returns its id.</summary>
    public async Task<string> OpenComplaint(ApiFactory api, string? policyId = null)
    {
        var opened = await (await api.As("System").PostJson("/api/complaints", new
        {
            clientId = Client, category = "Service", severity = "High", channel = "phone", description = "转账三天未到账",
            openedBy = Advisor, policyId = policyId ?? FastPolicy,
        })).Json(HttpStatusCode.Created);
        return opened.Str("complaintId");
    }
}
