using System.Diagnostics;
using System.Net;
using WealthActors.Integration.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Integration.Clients;

/// <summary>The sample external client (Abstractions only) calls grains of a running Silo through its gateway.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExternalClientTests(PostgresServer server, ITestOutputHelper output) : IAsyncLifetime
{
    private SiloNode _silo = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await server.DatabaseAsync("external_client");
        _silo = new SiloNode(_connectionString, "clients", 0);
        await _silo.StartAsync();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    /// <summary>
    /// Both ways an integrator can find the cluster: the gateways the silos list in the PostgreSQL membership table,
    /// and a fixed gateway address. One test, so the Silo process starts once.
    /// </summary>
    [Fact]
    public async Task ExternalClient_ThroughGateway_ReadsPoliciesAndComplaintFromGrains()
    {
        var complaintId = await OpenComplaint();

        var viaMembership = await RunSample(new Dictionary<string, string> { ["ConnectionStrings__WealthActors"] = _connectionString }, complaintId);
        var viaStaticGateway = await RunSample(new Dictionary<string, string> { ["Orleans__Gateways__0"] = $"127.0.0.1:{_silo.GatewayPort}" }, null);

        Assert.Contains("policy vip v1", viaMembership);
        Assert.Contains($"complaint {complaintId}: Open, SLA OnTrack, escalation level 0", viaMembership);
        Assert.Contains("policy standard v1", viaStaticGateway);
    }

    private async Task<string> OpenComplaint()
    {
        using var http = _silo.Client();
        await (await http.PutJson("/api/branches/B1", new { name = "Lujiazui", headEmployeeId = "E3" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/E1", new { name = "Chen", role = "Advisor", branchId = "B1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/clients/C1", new { name = "张伟", branchId = "B1", advisorId = "E1" })).Json(HttpStatusCode.OK);
        var opened = await (await http.PostJson("/api/complaints", new
        {
            clientId = "C1", category = "Service", severity = "Low", channel = "phone", description = "Statement missing", openedBy = "E1",
        })).Json(HttpStatusCode.Created);
        return opened.Str("complaintId");
    }

    private async Task<string> RunSample(Dictionary<string, string> environment, string? complaintId)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { SampleAssembly },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (complaintId is not null)
        {
            info.ArgumentList.Add("--complaint");
            info.ArgumentList.Add(complaintId);
        }

        info.Environment["Orleans__ClusterId"] = "clients";
        info.Environment["Orleans__ServiceId"] = "wealthactors-tests";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await stdout + await stderr;
        output.WriteLine(text);
        Assert.True(process.ExitCode == 0, $"the sample exited with {process.ExitCode}:\n{text}");
        return text;
    }

    private static string SampleAssembly
    {
        get
        {
            var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(RepositoryPaths.SiloAssembly))!);
            var path = Path.Combine(RepositoryPaths.Root, "samples", "ExternalClient", "bin", configuration, "net10.0",
                "WealthActors.Samples.ExternalClient.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the sample first; not found: {path}");
        }
    }
}
