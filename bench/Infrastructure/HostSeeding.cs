namespace WealthActors.Bench.Infrastructure;

/// <summary>The bench host's seeding endpoints (<c>/bench/seed-…</c>): each writes rows straight into the host's read model.</summary>
public static class HostSeeding
{
    /// <summary>Asks the host to seed; the seconds the host took, by its own clock.</summary>
    public static async Task<double> Seconds(HttpClient http, string pathAndQuery)
    {
        using var seeded = await http.PostAsync(pathAndQuery, null);
        return (await seeded.Read(200))["seconds"]!.GetValue<double>();
    }
}
