using System.Globalization;

namespace WealthActors.Silo.Care;

/// <summary>Formatting shared by the care tasks: dates as yyyy-MM-dd, amounts without grouping, culture-invariant.</summary>
internal static class CareTexts
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant, TimeZoneInfo zone) => Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));

    public static string Amount(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

}
