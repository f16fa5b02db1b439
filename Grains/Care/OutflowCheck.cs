using System.Globalization;
using WealthActors.Care;
using WealthActors.Clients;

namespace WealthActors.Grains.Care;

/// <summary>Whether a transaction is an outflow large enough to alert the advisor at once, and why. Pure.</summary>
public static class OutflowCheck
{
    public const string Share = "share";
    public const string Amount = "amount";

    public static bool IsOutflow(TransactionKind kind) =>
        kind is TransactionKind.Redemption or TransactionKind.TransferOut or TransactionKind.Withdrawal;

    /// <summary>The reasons to alert (empty: no alert). <paramref name="aumBefore"/> is the AUM before the transaction.</summary>
    public static IReadOnlyList<string> Reasons(TransactionKind kind, decimal amount, decimal aumBefore, OutflowAlertRule rule)
    {
        if (!rule.Enabled || !IsOutflow(kind))
        {
            return [];
        }

        var reasons = new List<string>();
        // Without AUM on record the share is meaningless; the amount threshold still applies.
        if (aumBefore > 0 && amount > rule.AumShare * aumBefore)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Share}: {amount:0.##} is more than {rule.AumShare * 100:0.##}% of the AUM of {aumBefore:0.##}"));
        }

        if (amount > rule.Amount)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{Amount}: {amount:0.##} is more than {rule.Amount:0.##}"));
        }

        return reasons;
    }
}
