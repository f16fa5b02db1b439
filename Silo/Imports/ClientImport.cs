using WealthActors.Silo.Apis;
using WealthActors.Silo.Apis.Upserts;

namespace WealthActors.Silo.Imports;

/// <summary>A book of clients: the fields of <c>PUT /api/clients/{clientId}</c>.</summary>
internal sealed class ClientImport : ImportKind
{
    public override string Name => "clients";

    public override string Policy => PolicyName(administer: false);

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("clientId", "客户编号", Required: true),
        new("name", "姓名", Required: true),
        new("phone", "手机"),
        new("idNumber", "证件号码"),
        new("birthday", "生日"),
        new("branchId", "网点", Required: true),
        new("advisorId", "客户经理", Required: true),
        new("vip", "VIP"),
        new("riskLevel", "风险等级"),
    ];

    public override string? KeyOf(ImportRow row) => row["clientId"];

    protected override async Task<RequestValidation> Upsert(ImportRow row, HttpContext http, IGrainFactory grains, DateOnly today, KnownReferences known)
    {
        var v = new RequestValidation();
        var birthday = v.Date(row["birthday"], "birthday");
        var vip = v.Flag(row["vip"], "vip");
        var riskLevel = v.Enum<RiskLevel>(row["riskLevel"], "riskLevel");
        if (!v.IsValid)
        {
            return v;
        }

        // The sheet carries no tags or assessment date: a client already on the books keeps theirs.
        var request = new UpsertClientRequest(
            row["name"], birthday, row["phone"], row["idNumber"], row["branchId"], row["advisorId"], vip, riskLevel, null, null);
        return (await ClientUpsert.Apply(row["clientId"]!, request, http, grains, today, skipUnchanged: true, keepUnlisted: true, known)).Validation;
    }
}
