using MiniExcelLibs.Attributes;
using WealthActors.Privacy;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Exports;

/// <summary>
/// One client of the client list as exported: what the list itself answers (the read model's row), the birthday masked
/// by the caller's masking rules as the list masks it. Phone and ID numbers are not in the list, so the export holds none.
/// </summary>
internal sealed record ClientListRow(
    [property: ExcelColumnName("客户编号 clientId")] string ClientId,
    [property: ExcelColumnName("姓名 name")] string Name,
    [property: ExcelColumnName("网点 branchId")] string BranchId,
    [property: ExcelColumnName("客户经理 advisorId")] string AdvisorId,
    [property: ExcelColumnName("客户等级 tier")] string Tier,
    [property: ExcelColumnName("VIP vip")] string Vip,
    [property: ExcelColumnName("资产 aum")] decimal Aum,
    [property: ExcelColumnName("生日 birthday")] string? Birthday,
    [property: ExcelColumnName("风险测评到期 riskExpiresOn"), ExcelFormat("yyyy-MM-dd")] DateTime? RiskExpiresOn,
    [property: ExcelColumnName("最近互动 lastInteractionAt (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime? LastInteractionAt,
    [property: ExcelColumnName("生命周期 lifecycle")] string Lifecycle,
    [property: ExcelColumnName("未结投诉 openComplaints")] int OpenComplaints)
{
    public static ClientListRow From(ClientRow r, ClientMask mask) => new(
        r.ClientId, r.Name, r.BranchId, r.AdvisorId, r.Tier.ToString(), r.Vip ? "是 yes" : "否 no", r.Aum,
        PersonalDataMask.Birthday(r.Birthday, mask.Birthday), r.RiskExpiresOn?.ToDateTime(TimeOnly.MinValue), r.LastInteractionAt?.UtcDateTime,
        r.Lifecycle.ToString(), r.OpenComplaints);
}
