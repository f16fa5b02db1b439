using System.Globalization;

namespace WealthActors.Silo.WebConsole;

/// <summary>Instants as the bank's people read them: China Standard Time (UTC+8, no daylight saving), to the minute.</summary>
public static class ConsoleTime
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static string Local(DateTimeOffset? instant) =>
        instant is { } at ? at.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
