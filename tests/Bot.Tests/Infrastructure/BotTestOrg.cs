using WealthActors.Branches;
using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.Employees;

namespace WealthActors.Bot.Tests.Infrastructure;

/// <summary>
/// A fresh organisation per test: region, branch, two teams, a compliance officer and clients whose names carry the
/// org's tag, so tests that share one cluster and read model never see each other's people or clients.
/// </summary>
public sealed class BotTestOrg
{
    private static int _sequence;

    private BotTestOrg(string tag) => Tag = tag;

    public string Tag { get; }
    public string Region => $"{Tag}-R";
    public string Branch => $"{Tag}-B";
    public string OtherBranch => $"{Tag}-B2";
    public string RegionalHead => $"{Tag}-E9";
    public string BranchHead => $"{Tag}-E3";
    public string TeamLead => $"{Tag}-E2";
    public string Advisor => $"{Tag}-E1";
    public string Teammate => $"{Tag}-E4";
    public string OtherTeamLead => $"{Tag}-E5";
    public string OtherTeamAdvisor => $"{Tag}-E6";
    public string OtherBranchHead => $"{Tag}-E7";
    public string Compliance => $"{Tag}-E8";

    /// <summary>The advisor's WeCom UserID.</summary>
    public string AdvisorWeCom => $"{Tag.ToLowerInvariant()}-chen";

    public string VipClient => $"{Tag}-C1";
    public string VipClientName => $"张伟{Tag}";
    public string MassClient => $"{Tag}-C2";
    public string TeammateClient => $"{Tag}-C3";
    public string OtherTeamClient => $"{Tag}-C4";

    public static readonly Actor System = Actor.System("tests");

    public static async Task<BotTestOrg> Create(IGrainFactory grains)
    {
        var org = new BotTestOrg($"B{Interlocked.Increment(ref _sequence):D3}{Guid.NewGuid().ToString("N")[..5]}");
        await grains.GetGrain<IBranchGrain>(org.Region).Upsert(new BranchProfile("Region", org.RegionalHead, null, null), System);
        await grains.GetGrain<IBranchGrain>(org.Branch).Upsert(new BranchProfile("Branch", org.BranchHead, org.Region, null), System);
        await grains.GetGrain<IBranchGrain>(org.OtherBranch).Upsert(new BranchProfile("Other", org.OtherBranchHead, null, null), System);
        await Employee(grains, org.RegionalHead, "赵总", EmployeeRole.RegionalHead, org.Region, null);
        await Employee(grains, org.BranchHead, "王行长", EmployeeRole.BranchHead, org.Branch, org.RegionalHead);
        await Employee(grains, org.TeamLead, "李经理", EmployeeRole.TeamLead, org.Branch, org.BranchHead);
        await Employee(grains, org.Advisor, "陈顾问", EmployeeRole.Advisor, org.Branch, org.TeamLead, org.AdvisorWeCom);
        await Employee(grains, org.Teammate, "周顾问", EmployeeRole.Advisor, org.Branch, org.TeamLead);
        await Employee(grains, org.OtherTeamLead, "吴经理", EmployeeRole.TeamLead, org.Branch, org.BranchHead);
        await Employee(grains, org.OtherTeamAdvisor, "郑顾问", EmployeeRole.Advisor, org.Branch, org.OtherTeamLead);
        await Employee(grains, org.OtherBranchHead, "孙行长", EmployeeRole.BranchHead, org.OtherBranch, null);
        await Employee(grains, org.Compliance, "钱合规", EmployeeRole.Compliance, org.Branch, null);
        await Client(grains, org.VipClient, org.VipClientName, org.Advisor, org.Branch, vip: true);
        await Client(grains, org.MassClient, $"刘芳{org.Tag}", org.Advisor, org.Branch, vip: false);
        await Client(grains, org.TeammateClient, $"孙强{org.Tag}", org.Teammate, org.Branch, vip: false);
        await Client(grains, org.OtherTeamClient, $"何敏{org.Tag}", org.OtherTeamAdvisor, org.Branch, vip: false);
        return org;
    }

    public async Task<string> OpenComplaint(IGrainFactory grains, string clientId, string openedBy, Severity severity = Severity.High)
    {
        var id = $"CMP-{Tag}-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        await grains.GetGrain<IComplaintGrain>(id).Open(
            new OpenComplaint(clientId, "Service", severity, "phone", "转账三天未到账", null), Actor.Employee(openedBy, "tests"));
        return id;
    }

    private static Task Employee(IGrainFactory grains, string id, string name, EmployeeRole role, string branch, string? manager, string? weCom = null) =>
        grains.GetGrain<IEmployeeGrain>(id).Upsert(new EmployeeProfile(name, role, branch, manager, weCom, null), System);

    private static Task Client(IGrainFactory grains, string id, string name, string advisor, string branch, bool vip) =>
        grains.GetGrain<IClientGrain>(id).Upsert(
            new ClientProfile(name, new DateOnly(1970, 1, 1), "13812345678", "310101197001011234", branch, advisor, vip, RiskLevel.C3, null, []), System);
}
