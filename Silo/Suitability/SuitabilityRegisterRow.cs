using MiniExcelLibs.Attributes;
using WealthActors.Suitability;

namespace WealthActors.Silo.Suitability;

/// <summary>One line of the suitability register (适当性台账) as exported to Excel.</summary>
internal sealed record SuitabilityRegisterRow(
    [property: ExcelColumnName("类型 kind")] string Kind,
    [property: ExcelColumnName("时间 at (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime At,
    [property: ExcelColumnName("客户 client")] string Client,
    [property: ExcelColumnName("网点 branch")] string Branch,
    [property: ExcelColumnName("客户经理 advisor")] string Advisor,
    [property: ExcelColumnName("产品 product")] string Product,
    [property: ExcelColumnName("产品风险 productRisk")] string ProductRisk,
    [property: ExcelColumnName("客户风险 clientRisk")] string ClientRisk,
    [property: ExcelColumnName("金额 amount")] decimal Amount,
    [property: ExcelColumnName("原因 reasons")] string Reasons,
    [property: ExcelColumnName("申购编号 subscription")] string? Subscription,
    [property: ExcelColumnName("状态 status")] string Status,
    [property: ExcelColumnName("审批人 decidedBy")] string? DecidedBy,
    [property: ExcelColumnName("审批时间 decidedAt (UTC)"), ExcelFormat("yyyy-MM-dd HH:mm")] DateTime? DecidedAt,
    [property: ExcelColumnName("说明 note")] string? Note)
{
    public static SuitabilityRegisterRow From(SuitabilityRegisterEntry e) => new(
        e.Kind.ToString(), e.At.UtcDateTime, e.ClientId, e.BranchId, e.AdvisorId, e.ProductCode, e.ProductRisk.ToString(),
        e.ClientRisk?.ToString() ?? "", e.Amount, string.Join(", ", e.Reasons), e.SubscriptionId, e.Status, e.DecidedBy,
        e.DecidedAt?.UtcDateTime, e.Note);
}
