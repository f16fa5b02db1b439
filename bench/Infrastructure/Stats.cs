using System.Globalization;

namespace WealthActors.Bench.Infrastructure;

/// <summary>Nearest-rank percentiles: every reported figure is a value that was actually observed.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static double[] Sorted(IEnumerable<double> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }

    public static double Median(IEnumerable<double> values) => Percentile(Sorted(values), 50);

    public static string F0(double value) => double.IsNaN(value) ? "nan" : value.ToString("0", CultureInfo.InvariantCulture);

    public static string F1(double value) => double.IsNaN(value) ? "nan" : value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string F2(double value) => double.IsNaN(value) ? "nan" : value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"p50=… p99=… max=…" in milliseconds, for detail lines.</summary>
    public static string Describe(IEnumerable<double> millis)
    {
        var sorted = Sorted(millis);
        return sorted.Length == 0
            ? "n=0"
            : $"n={sorted.Length} p50={F1(Percentile(sorted, 50))} p90={F1(Percentile(sorted, 90))} p99={F1(Percentile(sorted, 99))} max={F1(sorted[^1])} ms";
    }
}
