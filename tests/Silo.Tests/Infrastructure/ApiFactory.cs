using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Grains.Time;
using WealthActors.Silo.Tests.Apis.Declared;
using WealthActors.Testing;

namespace WealthActors.Silo.Tests.Infrastructure;

/// <summary>
/// The real Silo (Orleans, SQLite storage in a temporary folder, the HTTP API) on Kestrel at a loopback port, with one
/// API key per role, plus any further settings a test collection needs (e.g. a WeCom channel).
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["System"] = "test-key-system-0123456789",
        ["Advisor"] = "test-key-advisor-0123456789",
        ["Manager"] = "test-key-manager-0123456789",
        ["Compliance"] = "test-key-compliance-0123456789",
        ["Admin"] = "test-key-admin-0123456789",
    };

    /// <summary>One OpenID Connect provider for the whole test run; every Silo under test trusts it.</summary>
    private static readonly Lazy<TestIdentityProvider> SharedProvider = new(() => TestIdentityProvider.Start().GetAwaiter().GetResult());

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("wealthactors-api-").FullName;

    private readonly IReadOnlyDictionary<string, string?> _settings;

    private TimeProvider? _clock;

    private readonly UndeclaredStatuses _undeclaredStatuses = new();

    // xunit creates collection fixtures through their only public constructor.
    public ApiFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    private ApiFactory(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    /// <summary>A Silo with <paramref name="settings"/> on top of the usual test configuration.</summary>
    public static ApiFactory With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    /// <summary>A Silo whose business clock (grains, their timers and reminders, jobs, the API) is <paramref name="clock"/>.</summary>
    public static ApiFactory WithClock(TimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>()) { _clock = clock };

    /// <summary>The loopback address Kestrel listens on (starting the server if needed), for clients other than HttpClient.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    public string DatabasePath => Path.Combine(_dataDirectory, "wealthactors.db");

    /// <summary>The bank's identity provider as these Silos see it.</summary>
    public static TestIdentityProvider IdentityProvider => SharedProvider.Value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:Sqlite:Path", DatabasePath);
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", $"api-tests-{Guid.NewGuid():N}");
        var index = 0;
        foreach (var (role, key) in Keys)
        {
            builder.UseSetting($"Auth:ApiKeys:{index}:Name", role.ToLowerInvariant());
            builder.UseSetting($"Auth:ApiKeys:{index}:Key", key);
            builder.UseSetting($"Auth:ApiKeys:{index}:Roles:0", role);
            index++;
        }

        foreach (var (key, value) in IdentityProvider.SiloSettings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddUndeclaredStatusCheck(_undeclaredStatuses));
        if (_clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.UseBusinessClock(clock));
        }
    }

    /// <summary>A client for the running server, authenticated as <paramref name="role"/> (null: no key).</summary>
    public HttpClient As(string? role)
    {
        StartServer();
        var client = CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", Keys[role]);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>A client for the running server, signed in as the person <paramref name="employeeId"/> (a bearer token from the provider).</summary>
    public async Task<HttpClient> AsPerson(string employeeId)
    {
        StartServer();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await IdentityProvider.TokenFor(employeeId));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection; the temp folder is cleaned by the OS eventually.
        }

        _undeclaredStatuses.AssertNone();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
