using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Imports;

/// <summary>Excel imports through the HTTP API of the real Silo: templates, rows upserted as the routes would, rejected rows reported.</summary>
[Collection(ApiCollection.Name)]
public sealed class ImportApiTests(ApiFactory api)
{
    private static readonly string[] ChineseClientHeaders = ["客户编号", "姓名", "手机", "证件号码", "生日", "网点", "客户经理", "VIP", "风险等级"];

    private static readonly string[] EnglishClientHeaders = ["clientId", "name", "phone", "idNumber", "birthday", "branchId", "advisorId", "vip", "riskLevel"];

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task Template_FilledIn_ImportsItsRows(string headers)
    {
        var seed = await Seed.Create(api);
        var system = api.As("System");
        var template = await (await system.GetAsync($"/api/imports/templates/clients?headers={headers}")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        var header = Workbooks.Read(template).Single().Values.ToArray();
        Assert.Equal(headers == "zh" ? ChineseClientHeaders : EnglishClientHeaders, header);

        var id = $"{seed.Prefix}-T{headers}";
        var file = Workbooks.Sheet(header!, [id, "王芳", "138 1234 5678", "310101199001011234", new DateTime(1990, 1, 1), seed.Branch, seed.Advisor, "是", "C4"]);
        var (_, status) = await Workbooks.Import(system, "clients", file);

        Assert.Equal(("Completed", 1, 1, 0), (status.Str("status"), (int)status["total"]!, (int)status["processed"]!, (int)status["failed"]!));
        // Read with the integration key, whose masking rules show what is stored.
        var profile = (await (await api.As("System").GetAsync($"/api/clients/{id}")).Json(HttpStatusCode.OK))["profile"]!;
        Assert.Equal(("王芳", "138 1234 5678", "1990-01-01", true, "C4"),
            (profile.Str("name"), profile.Str("phone"), profile.Str("birthday"), (bool)profile["manualVip"]!, profile.Str("riskLevel")));
    }

    [Fact]
    public async Task OneBadRowOfEachKind_IsRejectedWithItsRowAndReason_TheOthersAreImported()
    {
        var seed = await Seed.Create(api);
        var p = seed.Prefix;
        var file = Workbooks.Sheet(EnglishClientHeaders,
            [$"{p}-G1", "Good One", "13800000001", null, "1980-05-06", seed.Branch, seed.Advisor, null, null],
            ["bad id!", "Bad Id", null, null, null, seed.Branch, seed.Advisor, null, null],
            [$"{p}-X2", "No Branch", null, null, null, $"{p}-NOBRANCH", seed.Advisor, null, null],
            [$"{p}-X3", "No Advisor", null, null, null, seed.Branch, $"{p}-NOADVISOR", null, null],
            [$"{p}-X4", "Feb Thirtieth", null, null, "2023-02-30", seed.Branch, seed.Advisor, null, null],
            [$"{p}-X5", "Bad Phone", "call me maybe", null, null, seed.Branch, seed.Advisor, null, null],
            [$"{p}-G1", "Good One Again", null, null, null, seed.Branch, seed.Advisor, null, null],
            [$"{p}-G2", "Good Two", null, null, null, seed.Branch, seed.Advisor, "否", "C2"]);
        var system = api.As("System");
        var (importId, status) = await Workbooks.Import(system, "clients", file);

        Assert.Equal(("Completed", 8, 8, 6), (status.Str("status"), (int)status["total"]!, (int)status["processed"]!, (int)status["failed"]!));
        var errors = Workbooks.Read(await (await system.GetAsync($"/api/imports/{importId}/errors")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());
        Assert.Equal(["行号 row", "客户编号 clientId", "姓名 name"], errors[0].Values.Take(3));
        Assert.Equal("原因 reason", errors[0].Values.Last());
        var reasons = errors.Skip(1).ToDictionary(r => r["A"]!, r => r.Values.Last()!);
        Assert.Equal(["3", "4", "5", "6", "7", "8"], reasons.Keys);
        Assert.Contains("clientId", reasons["3"]);
        Assert.Contains($"Branch '{p}-NOBRANCH' does not exist", reasons["4"]);
        Assert.Contains($"Employee '{p}-NOADVISOR' does not exist", reasons["5"]);
        Assert.Contains("birthday", reasons["6"]);
        Assert.Contains("phone", reasons["7"]);
        Assert.Contains("row 2", reasons["8"]);

        var admin = api.As("Admin");
        Assert.Equal("Good One", (await (await admin.GetAsync($"/api/clients/{p}-G1")).Json(HttpStatusCode.OK))["profile"].Str("name"));
        await (await admin.GetAsync($"/api/clients/{p}-G2")).Json(HttpStatusCode.OK);
        foreach (var rejected in new[] { "X2", "X3", "X4", "X5" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/clients/{p}-{rejected}")).StatusCode);
        }
    }

    [Fact]
    public async Task BadRowsOfHoldingsEmployeesAndBranches_AreRejected_TheOthersImported()
    {
        var seed = await Seed.Create(api);
        var p = seed.Prefix;
        var admin = api.As("Admin");

        var branches = Workbooks.Sheet(["网点编号", "网点名称", "负责人", "上级网点"],
            [$"{p}-NB", "新网点", seed.BranchHead, seed.Branch],
            [$"{p}-NC", "孤儿网点", seed.BranchHead, $"{p}-NOPARENT"]);
        var (_, branchStatus) = await Workbooks.Import(admin, "branches", branches);
        Assert.Equal((2, 1), ((int)branchStatus["processed"]!, (int)branchStatus["failed"]!));

        var employees = Workbooks.Sheet(["员工编号", "姓名", "角色", "网点", "直属上级"],
            [$"{p}-NE1", "新主管", "TeamLead", $"{p}-NB", seed.BranchHead],
            [$"{p}-NE2", "新顾问", "Advisor", $"{p}-NB", $"{p}-NE1"],
            [$"{p}-NE3", "无名角色", "Janitor", $"{p}-NB", null]);
        var (_, employeeStatus) = await Workbooks.Import(admin, "employees", employees);
        Assert.Equal((3, 1), ((int)employeeStatus["processed"]!, (int)employeeStatus["failed"]!));
        Assert.Equal($"{p}-NE1", (await (await admin.GetAsync($"/api/employees/{p}-NE2")).Json(HttpStatusCode.OK)).Str("managerId"));

        var holdings = Workbooks.Sheet(["客户编号", "产品代码", "产品名称", "产品风险等级", "持有金额", "到期日"],
            [seed.Client, "P-001", "稳健一号", "R2", 1_250_000, "2030-06-30"],
            [$"{p}-NOCLIENT", "P-001", "稳健一号", "R2", 10, null],
            [seed.Client, "P-002", "进取二号", "R9", 10, null]);
        var (importId, holdingStatus) = await Workbooks.Import(api.As("System"), "holdings", holdings);
        Assert.Equal((3, 2), ((int)holdingStatus["processed"]!, (int)holdingStatus["failed"]!));
        var client = await (await admin.GetAsync($"/api/clients/{seed.Client}")).Json(HttpStatusCode.OK);
        Assert.Equal(1_250_000m, (decimal)client["aum"]!);
    }

    [Fact]
    public async Task ReImportingTheSameFile_ChangesNothing()
    {
        var seed = await Seed.Create(api);
        var p = seed.Prefix;
        var clients = Workbooks.Sheet(EnglishClientHeaders,
            [$"{p}-R1", "Same One", "13800000001", "110101198001011234", "1980-01-01", seed.Branch, seed.Advisor, "yes", "C3"],
            [$"{p}-R2", "Same Two", null, null, null, seed.Branch, seed.Advisor, null, null]);
        var holdings = Workbooks.Sheet(["clientId", "productCode", "productName", "productRisk", "amount", "maturityDate"],
            [$"{p}-R1", "P-9", "Nine", "R3", 5000.5, "2031-01-31"]);
        var employees = Workbooks.Sheet(["employeeId", "name", "role", "branchId", "managerId"],
            [$"{p}-RE", "Same Person", "Advisor", seed.Branch, seed.TeamLead]);
        var system = api.As("System");
        await Workbooks.Import(system, "clients", clients);
        await Workbooks.Import(system, "holdings", holdings);
        await Workbooks.Import(api.As("Admin"), "employees", employees);
        var before = await Versions(p);

        await Workbooks.Import(system, "clients", clients);
        await Workbooks.Import(system, "holdings", holdings);
        await Workbooks.Import(api.As("Admin"), "employees", employees);

        Assert.Equal(before, await Versions(p));
    }

    /// <summary>The stored version of every grain state of the test's records (each write of a state bumps it).</summary>
    private async Task<string> Versions(string prefix)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={api.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_ext, grain_type, version FROM orleans_storage WHERE grain_ext LIKE $p ORDER BY 1, 2";
        command.Parameters.AddWithValue("$p", $"~{prefix}%");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetInt32(2)}");
        }

        Assert.NotEmpty(rows);
        return string.Join('\n', rows);
    }

    [Fact]
    public async Task AnAdvisorImports_AsThemselves_OnlyWithinTheirReach()
    {
        var org = await PeopleOrg.Create(api);
        var advisor = await api.AsPerson(org.Advisor);
        var file = Workbooks.Sheet(EnglishClientHeaders,
            [$"{org.Client}-MINE", "Mine", null, null, null, org.Branch, org.Advisor, null, null],
            [$"{org.Client}-THEIRS", "Theirs", null, null, null, org.Branch, org.OtherAdvisor, null, null]);
        var (_, status) = await Workbooks.Import(advisor, "clients", file);
        Assert.Equal((2, 1), ((int)status["processed"]!, (int)status["failed"]!));

        Assert.Equal(HttpStatusCode.Forbidden, (await Workbooks.Upload(advisor, "employees", file)).StatusCode);
        // Another caller does not see the import at all.
        var importId = (await (await Workbooks.Upload(advisor, "clients", file)).Json(HttpStatusCode.Accepted)).Str("importId");
        Assert.Equal(HttpStatusCode.NotFound, (await (await api.AsPerson(org.OtherAdvisor)).GetAsync($"/api/imports/{importId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await api.AsPerson(org.Compliance)).GetAsync($"/api/imports/{importId}")).StatusCode);
    }
}
