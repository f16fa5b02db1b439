using System.Globalization;
using System.Text.RegularExpressions;

namespace WealthActors.Bench.Infrastructure;

/// <summary>A scenario's last line, <c>scenario: key=value …</c>, read back.</summary>
public sealed partial class SummaryLine
{
    private SummaryLine(string scenario, IReadOnlyDictionary<string, string> values)
    {
        Scenario = scenario;
        Values = values;
    }

    public string Scenario { get; }

    public IReadOnlyDictionary<string, string> Values { get; }

    public bool NotAvailable => Values.TryGetValue("status", out var status) && status == "not-available";

    public static SummaryLine? Parse(string? line)
    {
        var match = line is null ? null : Pattern().Match(line);
        if (match is null || !match.Success)
        {
            return null;
        }

        var values = match.Groups["pair"].Captures
            .Select(c => c.Value.Trim().Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        return new SummaryLine(match.Groups["scenario"].Value, values);
    }

    public double Number(string key) =>
        Values.TryGetValue(key, out var value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : double.NaN;

    [GeneratedRegex(@"^(?<scenario>[a-z][a-z-]*): (?<pair>\s?[a-z_0-9]+=\S+)+$")]
    private static partial Regex Pattern();
}
