using WealthActors.Silo.Apis;
using WealthActors.Silo.Apis.Upserts;

namespace WealthActors.Silo.Imports;

/// <summary>Branches and regions: the fields of <c>PUT /api/branches/{branchId}</c>.</summary>
internal sealed class BranchImport : ImportKind
{
    public override string Name => "branches";

    public override string Policy => PolicyName(administer: true);

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("branchId", "网点编号", Required: true),
        new("name", "网点名称", Required: true),
        new("headEmployeeId", "负责人", Required: true),
        new("parentBranchId", "上级网点"),
        new("calendarId", "工作日历"),
    ];

    public override bool InOrder => true;

    public override string? KeyOf(ImportRow row) => row["branchId"];

    protected override async Task<RequestValidation> Upsert(ImportRow row, HttpContext http, IGrainFactory grains, DateOnly today, KnownReferences known)
    {
        var request = new UpsertBranchRequest(row["name"], row["headEmployeeId"], row["parentBranchId"], row["calendarId"]);
        return (await BranchUpsert.Apply(row["branchId"]!, request, http, grains, skipUnchanged: true)).Validation;
    }
}
