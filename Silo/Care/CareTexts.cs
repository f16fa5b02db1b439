using System.Globalization;

namespace WealthActors.Silo.Care;

/// <summary>Formatting shared by the care tasks: dates as yyyy-MM-dd, amounts without grouping, culture-invariant.</summary>
internal static class CareTexts
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant, TimeZoneInfo zone) => Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));

    public static string Amount(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The tier as a Chinese banker says it, with VIP where the client is one.</summary>
    public static string TierInChinese(ClientTier tier, bool vip) => tier switch
    {
        ClientTier.Mass => "大众客户",
        ClientTier.Affluent => "富裕客户",
        ClientTier.HighNetWorth => "高净值客户",
        ClientTier.UltraHighNetWorth => "超高净值客户",
        _ => tier.ToString(),
    } + (vip ? "·VIP" : "");

    public static string TierInEnglish(ClientTier tier, bool vip) => $"tier {tier}{(vip ? ", VIP" : "")}";

}
