namespace WealthActors.Silo.Hosting;

/// <summary>
/// The Silo's own words on its command line, taken out before the host reads the rest: the <c>--demo</c> flag and a
/// verb such as <c>migrate</c>. The host's command-line configuration reads every <c>--name</c> without <c>=</c> as
/// taking the next argument as its value, so left in, <c>--demo --urls http://…</c> would read as demo = "--urls" and
/// lose the address. Taken out, flags and options parse independently of their order.
/// </summary>
public sealed record SiloCommandLine(bool Demo, string? Verb, IReadOnlyList<string> VerbArguments, string[] HostArguments)
{
    public const string DemoFlag = "--demo";

    public static SiloCommandLine Parse(IReadOnlyList<string> args)
    {
        var demo = false;
        var positional = new List<string>();
        var host = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == DemoFlag)
            {
                demo = true;
            }
            else if (IsOption(arg))
            {
                host.Add(arg);
                // An option without '=' takes the next argument as its value, exactly as the host will read it.
                if (!arg.Contains('=') && i + 1 < args.Count && args[i + 1] != DemoFlag)
                {
                    host.Add(args[++i]);
                }
            }
            else
            {
                positional.Add(arg);
            }
        }

        return new SiloCommandLine(demo, positional.FirstOrDefault(), [.. positional.Skip(1)], [.. host]);
    }

    private static bool IsOption(string arg) => arg.StartsWith('-') || (arg.StartsWith('/') && arg.Length > 1 && !arg[1..].Contains('/'));
}
