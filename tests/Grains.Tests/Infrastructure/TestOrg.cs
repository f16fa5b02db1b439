using WealthActors.Branches;
using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.Employees;

namespace WealthActors.Grains.Tests.Infrastructure;

/// <summary>A fresh organisation per test (unique ids), so tests sharing one cluster never see each other's data.</summary>
public sealed class TestOrg
{
    private static int _sequence;

    private TestOrg(string prefix) => Prefix = prefix;

    public string Prefix { get; }
    public string Region => $"{Prefix}-R";
    public string Branch => $"{Prefix}-B";
    public string RegionalHead => $"{Prefix}-E9";
    public string BranchHead => $"{Prefix}-E3";
    public string TeamLead => $"{Prefix}-E2";
    public string Advisor => $"{Prefix}-E1";
    public string OtherAdvisor => $"{Prefix}-E4";
    public string VipClient => $"{Prefix}-C1";
    public string MassClient => $"{Prefix}-C2";

    public static readonly Actor System = Actor.System("tests");

    public static async Task<TestOrg> Create(IGrainFactory grains)
    {
        var org = new TestOrg($"T{Interlocked.Increment(ref _sequence):D4}{Guid.NewGuid().ToString("N")[..6]}");
        await grains.GetGrain<IBranchGrain>(org.Region).Upsert(new BranchProfile("Region", org.RegionalHead, null, null), System);
        await grains.GetGrain<IBranchGrain>(org.Branch).Upsert(new BranchProfile("Branch", org.BranchHead, org.Region, null), System);
        await Employee(grains, org.RegionalHead, EmployeeRole.RegionalHead, org.Region, null);
        await Employee(grains, org.BranchHead, EmployeeRole.BranchHead, org.Branch, org.RegionalHead);
        await Employee(grains, org.TeamLead, EmployeeRole.TeamLead, org.Branch, org.BranchHead);
        await Employee(grains, org.Advisor, EmployeeRole.Advisor, org.Branch, org.TeamLead);
        await Employee(grains, org.OtherAdvisor, EmployeeRole.Advisor, org.Branch, org.TeamLead);
        await grains.GetGrain<IClientGrain>(org.VipClient).Upsert(Profile(org, "张伟", manualVip: true), System);
        await grains.GetGrain<IClientGrain>(org.MassClient).Upsert(Profile(org, "孙强", manualVip: false), System);
        return org;
    }

    public Task<ComplaintView> OpenVipComplaint(IGrainFactory grains, string complaintId) =>
        grains.GetGrain<IComplaintGrain>(complaintId).Open(
            new OpenComplaint(VipClient, "Service", Severity.High, "phone", "Transfer delayed", null), Actor.Employee(Advisor, "tests"));

    private static ClientProfile Profile(TestOrg org, string name, bool manualVip) =>
        new(name, new DateOnly(1970, 1, 1), "13812345678", "310101197001010000", org.Branch, org.Advisor, manualVip, RiskLevel.C3, null, []);

    private static Task Employee(IGrainFactory grains, string id, EmployeeRole role, string branch, string? manager) =>
        grains.GetGrain<IEmployeeGrain>(id).Upsert(new EmployeeProfile(id, role, branch, manager, null, null), System);
}
