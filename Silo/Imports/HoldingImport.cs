using WealthActors.Clients;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Apis.Upserts;

namespace WealthActors.Silo.Imports;

/// <summary>Clients' holdings, one product of one client a row: the fields of <c>POST /api/clients/{clientId}/holdings</c>.</summary>
internal sealed class HoldingImport : ImportKind
{
    public override string Name => "holdings";

    public override string Policy => PolicyName(administer: false);

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("clientId", "客户编号", Required: true),
        new("productCode", "产品代码", Required: true),
        new("productName", "产品名称", Required: true),
        new("productRisk", "产品风险等级", Required: true),
        new("amount", "持有金额", Required: true),
        new("maturityDate", "到期日"),
    ];

    public override string? KeyOf(ImportRow row) =>
        row["clientId"] is { } client && row["productCode"] is { } product ? $"{client}/{product}" : null;

    protected override async Task<RequestValidation> Upsert(ImportRow row, HttpContext http, IGrainFactory grains, DateOnly today, KnownReferences known)
    {
        var v = new RequestValidation();
        var risk = v.Enum<ProductRisk>(row["productRisk"], "productRisk");
        var amount = v.Amount(row["amount"], "amount");
        var maturity = v.Date(row["maturityDate"], "maturityDate");
        var clientId = row["clientId"];
        v.Id(clientId, "clientId");
        if (!v.IsValid)
        {
            return v;
        }

        // The route answers 404 for a client that does not exist; a row says so in its reason instead.
        if (!await grains.GetGrain<IClientGrain>(clientId!).Exists())
        {
            return v.Add("clientId", ClientUpsert.NotFound(clientId!));
        }

        var request = new AddHoldingRequest(row["productCode"], row["productName"], risk, amount, maturity);
        return (await HoldingUpsert.Apply(clientId!, request, http, grains, today, skipUnchanged: true)).Validation;
    }
}
