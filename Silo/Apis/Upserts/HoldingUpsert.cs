using WealthActors.Clients;

namespace WealthActors.Silo.Apis.Upserts;

/// <summary>
/// Adding a holding to a client, or replacing the one with the same product code: the checks and grain calls of
/// <c>POST /api/clients/{clientId}/holdings</c>, shared with the Excel import.
/// </summary>
internal static class HoldingUpsert
{
    /// <param name="skipUnchanged">Leave a holding the client already holds exactly so untouched (no write, no new version).</param>
    public static async Task<UpsertOutcome<ClientView>> Apply(
        string clientId, AddHoldingRequest body, HttpContext http, IGrainFactory grains, DateOnly today, bool skipUnchanged = false)
    {
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Id(body.ProductCode, "productCode")
            .Name(body.ProductName, "productName", 100)
            .Date(body.MaturityDate, "maturityDate", today)
            .Check(body.ProductRisk is not null, "productRisk", "is required: one of R1…R5.")
            .Check(body.Amount is not null, "amount", "is required.")
            .Check(body.Amount is null or >= 0, "amount", "must not be negative.")
            .Check(body.Amount is null or < 1_000_000_000_000m, "amount", "is implausibly large.");
        if (!v.IsValid)
        {
            return UpsertOutcome<ClientView>.Refused(v);
        }

        var holding = new Holding(body.ProductCode!, body.ProductName!.Trim(), body.ProductRisk!.Value, body.Amount!.Value, body.MaturityDate);
        await ClientsApi.RequireWritable(http, grains, clientId);
        var client = grains.GetGrain<IClientGrain>(clientId);
        if (skipUnchanged && await client.Exists() && (await client.GetView()).Holdings.Contains(holding))
        {
            return new UpsertOutcome<ClientView>(v, null, Changed: false);
        }

        return new UpsertOutcome<ClientView>(v, await client.AddHolding(holding, ApiActor.Caller(http)), Changed: true);
    }
}
