using System.Globalization;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// <c>&lt;scenario&gt; [--quick] [--storage sqlite|postgres|memory] [--name value …]</c> (memory: command-throughput only). Named values override a scenario's
/// sizes (the smoke tests use them to run each scenario at a tiny size).
/// </summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

    public BenchArgs(IReadOnlyList<string> args)
    {
        Scenario = args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "help";
        for (var i = Scenario == "help" ? 0 : 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }

            var name = arg[2..];
            if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                _values[name] = args[++i];
            }
            else
            {
                _flags.Add(name);
            }
        }

        Storage = Get("storage", "sqlite").ToLowerInvariant();
        if (Storage is not ("sqlite" or "postgres" or "memory"))
        {
            throw new ArgumentException($"--storage must be sqlite, postgres or memory, not '{Storage}'.");
        }
    }

    public string Scenario { get; }

    public bool Quick => _flags.Contains("quick");

    public string Storage { get; }

    /// <summary>The arguments after the scenario name, to pass on to a child run.</summary>
    public IEnumerable<string> Forwarded()
    {
        foreach (var flag in _flags)
        {
            yield return $"--{flag}";
        }

        foreach (var (name, value) in _values)
        {
            yield return $"--{name}";
            yield return value;
        }
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string Get(string name, string fallback) => _values.TryGetValue(name, out var value) ? value : fallback;

    public int Int(string name, int full, int quick) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : Quick ? quick : full;

    public double Seconds(string name, double full, double quick) =>
        _values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : Quick ? quick : full;
}
