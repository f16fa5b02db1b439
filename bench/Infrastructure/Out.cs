namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// What a scenario prints: detail lines while it runs (indented, for people and the generated report) and, last,
/// exactly one summary line <c>scenario: key=value …</c> that scripts read.
/// </summary>
public static class Out
{
    public static void Detail(string line) => Console.WriteLine($"  {line}");

    public static void Summary(string scenario, params (string Key, object Value)[] pairs) =>
        Console.WriteLine($"{scenario}: {string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))}");

    /// <summary>A scenario whose product dependency has not landed: exit 0 with a line scripts can read.</summary>
    public static int NotAvailable(string scenario, string reason, params (string Key, object Value)[] extra)
    {
        Summary(scenario, [("status", "not-available"), ("reason", reason), .. extra]);
        return 0;
    }
}
