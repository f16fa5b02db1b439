using WealthActors.Care;
using WealthActors.Grains.Care;

namespace WealthActors.Grains.Tests.Care;

public sealed class OutflowCheckTests
{
    private static readonly OutflowAlertRule Rule = CareRules.Defaults.Outflow;

    [Fact]
    public void Reasons_AboveShareOfAumBefore_IsTheShare()
    {
        var reasons = OutflowCheck.Reasons(TransactionKind.Redemption, 700_000m, 2_000_000m, Rule);

        Assert.StartsWith("share:", Assert.Single(reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Reasons_ExactlyTheShare_IsNoAlert()
    {
        Assert.Empty(OutflowCheck.Reasons(TransactionKind.Redemption, 600_000m, 2_000_000m, Rule));
    }

    [Fact]
    public void Reasons_AboveBoth_GivesBoth()
    {
        var reasons = OutflowCheck.Reasons(TransactionKind.TransferOut, 2_000_000m, 3_000_000m, Rule);

        Assert.Equal(2, reasons.Count);
    }

    [Fact]
    public void Reasons_InflowOrDisabled_IsNoAlert()
    {
        Assert.Empty(OutflowCheck.Reasons(TransactionKind.Subscription, 9_000_000m, 1_000m, Rule));
        Assert.Empty(OutflowCheck.Reasons(TransactionKind.TransferIn, 9_000_000m, 1_000m, Rule));
        Assert.Empty(OutflowCheck.Reasons(TransactionKind.Withdrawal, 9_000_000m, 1_000m, Rule with { Enabled = false }));
    }

    [Fact]
    public void Reasons_NoAumOnRecord_OnlyTheAmountCounts()
    {
        Assert.Empty(OutflowCheck.Reasons(TransactionKind.Withdrawal, 10_000m, 0m, Rule));
        Assert.StartsWith("amount:", Assert.Single(OutflowCheck.Reasons(TransactionKind.Withdrawal, 1_000_001m, 0m, Rule)), StringComparison.Ordinal);
    }
}
