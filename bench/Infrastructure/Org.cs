namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// The organisation a scenario needs, created through the HTTP API like an integrator would: branches, each with a
/// branch head and an advisor reporting to them, and clients spread evenly over the branches.
/// </summary>
public static class Org
{
    public static string Branch(int i) => $"BR{i:0000}";

    public static string Head(int i) => $"BH{i:0000}";

    public static string Advisor(int i) => $"BA{i:0000}";

    public static string Client(string prefix, int i) => $"{prefix}{i:0000000}";

    public static Task Branches(HttpClient http, int count) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            // The API refuses an employee of a branch that does not exist; a branch may name its head before the head exists.
            await http.PutOk($"/api/branches/{Branch(i)}", new { name = $"Branch {i}", headEmployeeId = Head(i) });
            await http.PutOk($"/api/employees/{Head(i)}", new { name = $"行长 Head {i}", role = "BranchHead", branchId = Branch(i) });
            await http.PutOk($"/api/employees/{Advisor(i)}", new { name = $"顾问 Advisor {i}", role = "Advisor", branchId = Branch(i), managerId = Head(i) });
        });

    public static Task Clients(HttpClient http, string prefix, int count, int branches, bool vip) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var branch = i % branches;
            await http.PutOk($"/api/clients/{Client(prefix, i)}", new
            {
                name = $"客户 Client {i}", birthday = new DateOnly(1950 + i % 50, 1 + i % 12, 1 + i % 28), phone = $"139{i:00000000}",
                branchId = Branch(branch), advisorId = Advisor(branch), vip, riskLevel = "C3", riskAssessedOn = "2026-01-10",
                tags = new[] { "bench" },
            });
        });
}
