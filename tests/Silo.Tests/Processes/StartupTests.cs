using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>The built Silo started as an operator starts it: from another folder, with its flags in any order.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wealthactors-startup-").FullName;

    [Fact]
    public async Task Silo_StartedFromAnotherFolder_ServesItsPagesAndReadsItsSettings()
    {
        var httpPort = FreePort.Next();
        await using var silo = await SiloProcess.Start(Settings(), httpPort, workingDirectory: _folder);
        using var http = silo.Client();

        var page = await http.GetAsync("/webchat/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var applicationFolder = Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!;
        Assert.Contains($"Content root path: {applicationFolder}", silo.Output, StringComparison.Ordinal);
        // appsettings.json holds Orleans' own categories at Warning; without it the silo's start-up logs them at Information.
        Assert.DoesNotContain("info: Orleans.", silo.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "data", "wealthactors.db")), "The working folder was taken for the data folder.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DemoFlag_BeforeOrAfterUrls_ListensWhereToldAndSeeds(bool demoFirst)
    {
        var httpPort = FreePort.Next();
        string[] urls = ["--urls", $"http://127.0.0.1:{httpPort}"];
        string[] arguments = demoFirst ? ["--demo", .. urls] : [.. urls, "--demo"];

        await using var silo = await SiloProcess.Start(Settings(), httpPort, arguments);
        using var http = silo.Client();

        // The demo seeds its branch head; the silo is already answering on the port it was given (Start waited for it).
        await Eventually.Until(
            async () => (await http.GetAsync("/api/employees/E300")).StatusCode,
            status => status == HttpStatusCode.OK,
            "the demo's branch head E300 to be seeded",
            timeoutMs: 30_000);
    }

    [Fact]
    public async Task Demo_InDevelopment_PrintsATokenPerPersonThatSignsThemIn()
    {
        var httpPort = FreePort.Next();
        var settings = Settings();
        settings["ASPNETCORE_ENVIRONMENT"] = "";
        await using var silo = await SiloProcess.Start(settings, httpPort, ["--demo", "--urls", $"http://127.0.0.1:{httpPort}"]);
        var line = silo.Output.Split('\n').Single(l => l.Contains("WA_TOKEN_E100=", StringComparison.Ordinal));
        var token = line.Split('=', 2)[1].Split(' ', 2)[0].Trim();
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var me = await Eventually.Until(() => http.GetAsync("/api/me"), r => r.StatusCode == HttpStatusCode.OK, "the demo's E100 to be seeded", 30_000);

        Assert.Contains("DEVELOPMENT-ONLY", silo.Output, StringComparison.Ordinal);
        Assert.Contains("\"employeeId\":\"E100\"", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentSigningKey_InProduction_StopsTheSiloAtStart()
    {
        var settings = Settings();
        settings["Auth__Jwt__DevelopmentSigningKey"] = Convert.ToBase64String(new byte[32]);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.Start(settings, FreePort.Next()));

        Assert.Contains("development tokens are refused outside the Development environment", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnauthenticatedBurst_LogsNoChallengeAtInformation()
    {
        var httpPort = FreePort.Next();
        await using var silo = await SiloProcess.Start(Settings(), httpPort);
        using var anonymous = new HttpClient { BaseAddress = silo.BaseAddress };

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/complaints")).StatusCode);
        }

        using var wrongKey = new HttpClient { BaseAddress = silo.BaseAddress };
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-a-configured-key-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("/api/complaints")).StatusCode);

        Assert.DoesNotContain("was challenged", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("was not authenticated", silo.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Dictionary<string, string> Settings() => new()
    {
        ["Storage__Sqlite__Path"] = Path.Combine(_folder, "silo", "wealthactors.db"),
        ["Orleans__SiloPort"] = FreePort.Next().ToString(),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
    };
}
