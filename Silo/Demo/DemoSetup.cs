using System.Security.Cryptography;

namespace WealthActors.Silo.Demo;

/// <summary>
/// <c>--demo</c>: seeds a small branch (advisor, team lead, branch head, region) and a few clients, one of them VIP,
/// and prints an API key, so a newcomer can watch a VIP complaint climb the ladder (with <c>Sla__TimeScale</c>).
/// </summary>
public static class DemoSetup
{
    public static WebApplicationBuilder AddWealthActorsDemo(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection("Auth:ApiKeys").GetChildren().Any())
        {
            builder.Services.AddHostedService<DemoSeeder>();
            return builder;
        }

        var key = $"demo-{Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant()}";
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0:Name"] = "demo",
            ["Auth:ApiKeys:0:Key"] = key,
            ["Auth:ApiKeys:0:Roles:0"] = "Admin",
            ["Auth:ApiKeys:0:Roles:1"] = "System",
            ["Auth:ApiKeys:0:Roles:2"] = "Manager",
            ["Auth:ApiKeys:0:Roles:3"] = "Advisor",
        });
        builder.Services.AddHostedService<DemoSeeder>();
        Console.WriteLine($"Demo API key: {key}");
        Console.WriteLine($"  export WA_KEY={key}");
        return builder;
    }
}
