using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

/// <summary>Reported transactions and the outflow alert (defaults: 30 % of the AUM before it, or 1,000,000).</summary>
[Collection(ApiCollection.Name)]
public sealed class TransactionsApiTests(ApiFactory api)
{
    [Fact]
    public async Task RecordTransaction_OutflowAboveShareOfAum_AlertsTheAdvisorAtOnce()
    {
        var seed = await Seed.Create(api);
        await Holding(seed.Client, 2_000_000m);

        var outcome = await Post(seed.Client, new { transactionId = "T1", kind = "Redemption", amount = 700_000m, productCode = "WM-01" });

        Assert.True(outcome["alerted"]!.GetValue<bool>());
        Assert.Equal(2_000_000m, outcome["aumBefore"]!.GetValue<decimal>());
        Assert.StartsWith("share:", Assert.Single(outcome["reasons"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"outflow:{seed.Client}:T1", outcome.Str("alertKey"));
        var message = Assert.Single(await Inbox(seed.Advisor));
        Assert.Equal($"outflow:{seed.Client}:T1", message.Str("key"));
        Assert.Equal("Warning", message.Str("kind"));
        Assert.Equal(seed.Client, message.Str("clientId"));
        Assert.Contains("700000", message.Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordTransaction_Outflow_IsATaskForTheAdvisor_NamedByTheAlert_OnceHoweverOftenReported()
    {
        var seed = await Seed.Create(api);
        await Holding(seed.Client, 2_000_000m);
        var body = new { transactionId = "T9", kind = "Redemption", amount = 900_000m };

        await Post(seed.Client, body);
        await Post(seed.Client, body);

        var alert = Assert.Single(await Inbox(seed.Advisor));
        var taskId = alert.Str("taskId");
        var task = await (await api.As("Manager").GetAsync($"/api/tasks/{taskId}")).Json(HttpStatusCode.OK);
        Assert.Equal(("Outflow", seed.Advisor, "Open", seed.Client), (task.Str("kind"), task.Str("owner"), task.Str("status"), task.Str("clientId")));
        var open = await (await api.As("Manager").GetAsync($"/api/employees/{seed.Advisor}/tasks?status=Open")).Json(HttpStatusCode.OK);
        // The client's first holding also made its onboarding checklist for the advisor.
        Assert.Equal(taskId, Assert.Single(open.AsArray(), t => t!.Str("kind") == "Outflow")!.Str("taskId"));
    }

    [Fact]
    public async Task RecordTransaction_OutflowAboveAmountOnly_AlertsForTheAmount()
    {
        var seed = await Seed.Create(api);
        await Holding(seed.Client, 10_000_000m);

        var outcome = await Post(seed.Client, new { transactionId = "T2", kind = "Withdrawal", amount = 1_200_000m });

        Assert.True(outcome["alerted"]!.GetValue<bool>());
        Assert.StartsWith("amount:", Assert.Single(outcome["reasons"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"outflow:{seed.Client}:T2", Assert.Single(await Inbox(seed.Advisor)).Str("key"));
    }

    [Fact]
    public async Task RecordTransaction_BelowBothOrAnInflow_DoesNotAlert()
    {
        var seed = await Seed.Create(api);
        await Holding(seed.Client, 10_000_000m);

        var small = await Post(seed.Client, new { transactionId = "T3", kind = "TransferOut", amount = 900_000m });
        var inflow = await Post(seed.Client, new { transactionId = "T4", kind = "Subscription", amount = 5_000_000m });

        Assert.False(small["alerted"]!.GetValue<bool>());
        Assert.True(small["outflow"]!.GetValue<bool>());
        Assert.Empty(small["reasons"]!.AsArray());
        Assert.False(inflow["alerted"]!.GetValue<bool>());
        Assert.False(inflow["outflow"]!.GetValue<bool>());
        Assert.Empty(await Inbox(seed.Advisor));
    }

    [Fact]
    public async Task RecordTransaction_RetrySameTransactionId_AlertsOnce()
    {
        var seed = await Seed.Create(api);
        await Holding(seed.Client, 1_000_000m);
        var body = new { transactionId = "T5", kind = "Redemption", amount = 500_000m };

        var first = await Post(seed.Client, body);
        var retry = await Post(seed.Client, body);

        Assert.False(first["alreadyAlerted"]!.GetValue<bool>());
        Assert.True(retry["alerted"]!.GetValue<bool>());
        Assert.True(retry["alreadyAlerted"]!.GetValue<bool>());
        Assert.Equal($"outflow:{seed.Client}:T5", Assert.Single(await Inbox(seed.Advisor)).Str("key"));
    }

    [Theory]
    [InlineData("""{ "kind": "Redemption", "amount": 10 }""", "transactionId")]
    [InlineData("""{ "transactionId": "T 6", "kind": "Redemption", "amount": 10 }""", "transactionId")]
    [InlineData("""{ "transactionId": "T6", "amount": 10 }""", "kind")]
    [InlineData("""{ "transactionId": "T6", "kind": "Gift", "amount": 10 }""", "kind")]
    [InlineData("""{ "transactionId": "T6", "kind": "Redemption" }""", "amount")]
    [InlineData("""{ "transactionId": "T6", "kind": "Redemption", "amount": 0 }""", "amount")]
    [InlineData("""{ "transactionId": "T6", "kind": "Redemption", "amount": 10, "at": "2999-01-01T00:00:00Z" }""", "at")]
    public async Task RecordTransaction_BadField_Is400NamingIt(string body, string field)
    {
        var seed = await Seed.Create(api);

        await (await api.As("System").PostRaw($"/api/clients/{seed.Client}/transactions", body)).Problem(HttpStatusCode.BadRequest, field);

        Assert.Empty(await Inbox(seed.Advisor));
    }

    [Fact]
    public async Task RecordTransaction_UnknownClient_Is404()
    {
        await (await api.As("System").PostJson("/api/clients/C-NOBODY/transactions", new { transactionId = "T7", kind = "Redemption", amount = 5_000_000m }))
            .Problem(HttpStatusCode.NotFound);
    }

    private async Task Holding(string clientId, decimal amount) =>
        await (await api.As("System").PostJson($"/api/clients/{clientId}/holdings", new { productCode = "WM-01", productName = "Steady", productRisk = "R2", amount }))
            .Json(HttpStatusCode.OK);

    private async Task<JsonNode> Post(string clientId, object body) =>
        await (await api.As("System").PostJson($"/api/clients/{clientId}/transactions", body)).Json(HttpStatusCode.OK);

    private async Task<IReadOnlyList<JsonNode>> Inbox(string employeeId) =>
        (await (await api.As("Admin").GetAsync($"/api/employees/{employeeId}/inbox")).Json(HttpStatusCode.OK)).AsArray().Select(n => n!).ToList();
}
