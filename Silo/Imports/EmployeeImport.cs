using WealthActors.Silo.Apis;
using WealthActors.Silo.Apis.Upserts;

namespace WealthActors.Silo.Imports;

/// <summary>The org chart's people: the fields of <c>PUT /api/employees/{employeeId}</c>.</summary>
internal sealed class EmployeeImport : ImportKind
{
    public override string Name => "employees";

    public override string Policy => PolicyName(administer: true);

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("employeeId", "员工编号", Required: true),
        new("name", "姓名", Required: true),
        new("role", "角色", Required: true),
        new("branchId", "网点", Required: true),
        new("managerId", "直属上级"),
        new("wecomUserId", "企业微信账号"),
        new("teamsUserId", "Teams账号"),
        new("deactivated", "已停用"),
    ];

    public override bool InOrder => true;

    public override string? KeyOf(ImportRow row) => row["employeeId"];

    protected override async Task<RequestValidation> Upsert(ImportRow row, HttpContext http, IGrainFactory grains, DateOnly today, KnownReferences known)
    {
        var v = new RequestValidation();
        var role = v.Enum<EmployeeRole>(row["role"], "role");
        var deactivated = v.Flag(row["deactivated"], "deactivated");
        if (!v.IsValid)
        {
            return v;
        }

        var request = new UpsertEmployeeRequest(
            row["name"], role, row["branchId"], row["managerId"], row["wecomUserId"], row["teamsUserId"], deactivated);
        return (await EmployeeUpsert.Apply(row["employeeId"]!, request, http, grains, skipUnchanged: true)).Validation;
    }
}
