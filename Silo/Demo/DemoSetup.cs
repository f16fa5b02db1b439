using System.Security.Cryptography;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Demo;

/// <summary>
/// <c>--demo</c>: seeds a small branch (advisor, team lead, branch head, region) and a few clients, one of them VIP,
/// and prints an API key for systems and a development-only token per demo employee, so a newcomer can watch a VIP
/// complaint climb the ladder (with <c>Sla__TimeScale</c>) and act as each person.
/// </summary>
public static class DemoSetup
{
    /// <summary>The demo's people, as the seeder creates them.</summary>
    public static readonly IReadOnlyList<(string Id, string Who)> Employees =
        [("E100", "陈顾问 advisor"), ("E200", "李经理 team lead"), ("E300", "王行长 branch head"), ("E900", "赵总 regional head")];

    /// <summary>A demo runs in the Development environment unless one is set explicitly.</summary>
    public static string? EnvironmentName() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"))
            ? Environments.Development
            : null;

    public static WebApplicationBuilder AddWealthActorsDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DemoSeeder>();
        AddApiKey(builder);
        AddPeoplesTokens(builder);
        return builder;
    }

    private static void AddApiKey(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection("Auth:ApiKeys").GetChildren().Any())
        {
            return;
        }

        var key = $"demo-{Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant()}";
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0:Name"] = "demo",
            ["Auth:ApiKeys:0:Key"] = key,
            ["Auth:ApiKeys:0:Roles:0"] = "Admin",
            ["Auth:ApiKeys:0:Roles:1"] = "System",
        });
        Console.WriteLine($"Demo API key (a system's: Admin, System): {key}");
        Console.WriteLine($"  export WA_KEY={key}");
    }

    private static void AddPeoplesTokens(WebApplicationBuilder builder)
    {
        var jwt = builder.Configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        if (jwt.Authority.Length > 0)
        {
            Console.WriteLine($"People sign in with the identity provider at {jwt.Authority}; no demo tokens are issued.");
            return;
        }

        if (!builder.Environment.IsDevelopment())
        {
            Console.WriteLine($"No demo tokens: they are development-only, and the environment is {builder.Environment.EnvironmentName}.");
            return;
        }

        var signingKey = DemoTokens.NewSigningKey();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{JwtOptions.Section}:DevelopmentSigningKey"] = signingKey });
        Console.WriteLine($"DEVELOPMENT-ONLY tokens for the demo's people (valid {DemoTokens.Lifetime.TotalHours:0} h, refused outside Development):");
        foreach (var (id, who) in Employees)
        {
            Console.WriteLine($"  export WA_TOKEN_{id}={DemoTokens.For(id, jwt.EmployeeClaim, signingKey, TimeProvider.System.GetUtcNow())}   # {id} {who}");
        }
    }
}
