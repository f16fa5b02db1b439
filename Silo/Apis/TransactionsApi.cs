using WealthActors.Clients;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>Transactions reported by core banking; a large outflow alerts the advisor at once.</summary>
public static class TransactionsApi
{
    public static IEndpointRouteBuilder MapTransactionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/clients").DeclaresPipelineProblems().WithTags("Clients");
        group.MapPost("/{clientId}/transactions", Record).RequireAuthorization(AuthHostingExtensions.Policies.Integrate)
            .Produces<TransactionOutcome>().ProducesProblems(404);
        return routes;
    }

    private static async Task<IResult> Record(string clientId, RecordTransactionRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Id(body.TransactionId, "transactionId")
            .Check(body.Kind is not null, "kind", $"is required: one of {string.Join(", ", Enum.GetNames<TransactionKind>())}.")
            .Check(body.Amount is not null, "amount", "is required.")
            .Check(body.Amount is null or > 0, "amount", "must be greater than 0.")
            .Check(body.Amount is null or < 1_000_000_000_000m, "amount", "is implausibly large.")
            .Id(body.ProductCode, "productCode", required: false)
            .PastInstant(body.At, "at", now);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        await ClientsApi.RequireWritable(http, grains, clientId);
        var transaction = new ClientTransaction(body.TransactionId!, body.Kind!.Value, body.Amount!.Value, body.ProductCode, body.At ?? now);
        var outcome = await grains.GetGrain<IClientGrain>(clientId).RecordTransaction(transaction, ApiActor.Caller(http));
        return TypedResults.Ok(outcome);
    }
}

public sealed record RecordTransactionRequest(string? TransactionId, TransactionKind? Kind, decimal? Amount, string? ProductCode, DateTimeOffset? At);
