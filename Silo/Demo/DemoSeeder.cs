using WealthActors.Branches;
using WealthActors.Clients;
using WealthActors.Employees;

namespace WealthActors.Silo.Demo;

/// <summary>Writes the demo organisation and clients once the silo runs; idempotent, so restarts change nothing.</summary>
public sealed partial class DemoSeeder(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<DemoSeeder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Seed());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task Seed()
    {
        var actor = Actor.System("demo");
        await grains.GetGrain<IBranchGrain>("EAST").Upsert(new BranchProfile("华东区 East Region", "E900", null, null), actor);
        await grains.GetGrain<IBranchGrain>("SH01").Upsert(new BranchProfile("上海陆家嘴支行 Shanghai Lujiazui", "E300", "EAST", null), actor);
        await grains.GetGrain<IEmployeeGrain>("E900").Upsert(new EmployeeProfile("赵总 Zhao (regional head)", EmployeeRole.RegionalHead, "EAST", null, null, null), actor);
        await grains.GetGrain<IEmployeeGrain>("E300").Upsert(new EmployeeProfile("王行长 Wang (branch head)", EmployeeRole.BranchHead, "SH01", "E900", null, null), actor);
        await grains.GetGrain<IEmployeeGrain>("E200").Upsert(new EmployeeProfile("李经理 Li (team lead)", EmployeeRole.TeamLead, "SH01", "E300", null, null), actor);
        await grains.GetGrain<IEmployeeGrain>("E100").Upsert(new EmployeeProfile("陈顾问 Chen (advisor)", EmployeeRole.Advisor, "SH01", "E200", null, null), actor);

        await Client("C000001", "张伟 Zhang Wei", true, 12_000_000m, new DateOnly(1968, 3, 14), actor);
        await Client("C000002", "刘芳 Liu Fang", false, 800_000m, new DateOnly(1985, 11, 2), actor);
        await Client("C000003", "孙强 Sun Qiang", false, 90_000m, new DateOnly(1990, 7, 21), actor);
        LogSeeded(logger);
    }

    private async Task Client(string id, string name, bool vip, decimal aum, DateOnly birthday, Actor actor)
    {
        var client = grains.GetGrain<IClientGrain>(id);
        await client.Upsert(new ClientProfile(name, birthday, "13812345678", "310101196803140000", "SH01", "E100", vip, RiskLevel.C3, new DateOnly(2026, 1, 10), ["demo"]), actor);
        await client.AddHolding(new Holding("WM-2026-01", "稳健理财 Steady Income 2026", ProductRisk.R2, aum, new DateOnly(2027, 6, 30)), actor);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded: branch SH01 (head E300, team lead E200, advisor E100), region EAST (head E900), clients C000001 (VIP), C000002, C000003")]
    private static partial void LogSeeded(ILogger logger);
}
