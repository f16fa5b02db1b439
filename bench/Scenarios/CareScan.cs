using System.Text.Json.Nodes;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// The daily care rules (birthday, maturity, dormancy, risk expiry) over a read model of N clients on the chosen
/// storage: the bench host writes the clients straight into its read model and times the product's runners and queries
/// over it, then a second run of the same day (which must deliver nothing). N is 1,000,000, 100,000 with --quick, or
/// --clients.
/// </summary>
public static class CareScan
{
    private const string Name = "care-scan";

    public static async Task<int> Run(BenchArgs args)
    {
        if (args.Storage == "memory")
        {
            return Out.NotAvailable(Name, "a-database-scan", ("storage", args.Storage));
        }

        var clients = args.Int("clients", 1_000_000, 100_000);
        using var temp = new TempDirectory();
        await using var storage = await BenchStorage.Start(args, temp);
        await using var host = await storage.StartInside();
        using var http = host.Http(TimeSpan.FromMinutes(60));

        var seconds = await HostSeeding.Seconds(http, $"/bench/seed-care-clients?count={clients}");
        Out.Detail($"wrote {clients} clients with a holding each into the {storage.Kind} read model in {seconds:0.0} s");

        JsonNode result;
        using (var scanned = await http.PostAsync("/bench/care-scan", null))
        {
            result = await scanned.Read(200);
        }

        var (first, rerun) = (result["first"]!, result["rerun"]!);
        foreach (var (label, run) in new[] { ("first run", first), ("same day again", rerun) })
        {
            foreach (var rule in run["rules"]!.AsArray())
            {
                Out.Detail($"{label}: {rule!.Str("job")} scanned {rule!["scanned"]}, created {rule["created"]} in {rule["seconds"]!.GetValue<double>():0.00} s");
            }
        }

        Out.Summary(Name, ("clients", clients), ("seconds", Stats.F2(first["seconds"]!.GetValue<double>())), ("candidates", first["scanned"]!),
            ("tasks", first["created"]!), ("rerun_seconds", Stats.F2(rerun["seconds"]!.GetValue<double>())), ("rerun_tasks", rerun["created"]!),
            ("storage", storage.Kind));
        return rerun["created"]!.GetValue<int>() == 0 ? 0 : 1;
    }
}
