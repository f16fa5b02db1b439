using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using WealthActors.Integration.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Integration.Processes;

/// <summary>
/// Two Silo processes on one PostgreSQL database with Orleans TLS on (a self-signed cluster certificate made here), the
/// WeCom and Teams channels pointed at local fakes: the silos form a cluster over TLS, an external client with the
/// certificate gets in and a connection with another certificate does not, and a chat delivery replayed to the other
/// silo runs nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SecuredClusterTests(PostgresServer server, ITestOutputHelper output)
{
    private const string ClusterId = "secured";

    private Task<SecuredCluster> Cluster() => server.SharedAsync("secured-cluster", async () =>
    {
        var cluster = new SecuredCluster(await server.DatabaseAsync("secured_cluster"));
        await cluster.StartAsync();
        return cluster;
    });

    [Fact]
    public async Task TwoSilosWithTls_FormACluster_AndAdmitOnlyTheClustersCertificate()
    {
        var cluster = await Cluster();
        try
        {
            var active = await Eventually.Until(
                () => Sql.ScalarAsync<long>(cluster.ConnectionString, $"SELECT COUNT(*) FROM orleans_membership WHERE deployment_id = '{ClusterId}' AND status = 3"),
                n => n == 2, "both silos active", 30_000);
            Assert.Equal(2, active);

            // Calls that cross silos go over the TLS connections: seed through one, read and open through the other.
            using var first = cluster.Nodes[0].Client();
            using var second = cluster.Nodes[1].Client();
            await cluster.Seed(first);
            foreach (var n in Enumerable.Range(0, 6))
            {
                await (await second.PostJson("/api/complaints", new
                {
                    clientId = "C1", category = "Service", severity = "Low", channel = "phone", description = $"Complaint {n}", openedBy = "E1",
                })).Json(HttpStatusCode.Created);
            }

            Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.ConnectionString, $"SELECT COUNT(*) FROM orleans_membership WHERE deployment_id = '{ClusterId}' AND status = 6"));

            // The sample external client, with the cluster's certificate, through the gateway.
            var sample = await RunSample(cluster, new Dictionary<string, string>
            {
                ["Orleans__Gateways__0"] = $"127.0.0.1:{cluster.Nodes[0].GatewayPort}",
                ["Orleans__Tls__CertificatePath"] = cluster.CertificatePath,
                ["Orleans__Tls__Password"] = SecuredCluster.Password,
            });
            Assert.Contains("policy standard v1", sample);

            // Anyone else is turned away at the handshake, on the gateway and on the silo port alike (the client above
            // and the cluster itself show that the same ports admit the cluster's certificate).
            using var stranger = SecuredCluster.SelfSigned("CN=stranger");
            Assert.True(await Refused(cluster.Nodes[0].GatewayPort, stranger), "the gateway admitted an unknown certificate");
            Assert.True(await Refused(cluster.Nodes[1].SiloPort, stranger), "the silo port admitted an unknown certificate");
        }
        catch
        {
            cluster.WriteOutput(output);
            throw;
        }
    }

    [Fact]
    public async Task ChatDeliveries_ReplayedToTheOtherSilo_RunTheirCommandsOnce()
    {
        var cluster = await Cluster();
        try
        {
            using var first = cluster.Nodes[0].Client();
            using var second = cluster.Nodes[1].Client();
            await cluster.Seed(first);
            var complaintId = (await (await first.PostJson("/api/complaints", new
            {
                clientId = "C1", category = "Service", severity = "Low", channel = "phone", description = "Replayed", openedBy = "E1",
            })).Json(HttpStatusCode.Created)).Str("complaintId");
            var weCom = WeComCallbackRequests.Sign(
                WeComCallbackRequests.TextXml(SecuredCluster.AdvisorWeCom, $"备注 {complaintId} called-by-wecom", "9001", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow);
            var teams = (new TeamsUser(cluster.AdvisorObjectId, "Chen", cluster.Connector.ServiceUrl).Message($"备注 {complaintId} mailed-by-teams"), cluster.TeamsToken());

            Assert.Equal(HttpStatusCode.OK, (await PostWeCom(first, weCom)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PostTeams(first, teams)).StatusCode);
            await Eventually.Until(() => Notes(first, complaintId), n => n.Length == 2, "both notes", 30_000);

            var weComReplay = await PostWeCom(second, weCom);
            var teamsReplay = await PostTeams(second, teams);
            Assert.Equal(HttpStatusCode.OK, weComReplay.StatusCode);
            Assert.Equal("", await weComReplay.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, teamsReplay.StatusCode);

            // A new message through the same silo after the replays is the signal that they were handled.
            var marker = WeComCallbackRequests.Sign(
                WeComCallbackRequests.TextXml(SecuredCluster.AdvisorWeCom, $"备注 {complaintId} marker", "9002", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow);
            Assert.Equal(HttpStatusCode.OK, (await PostWeCom(second, marker)).StatusCode);
            var notes = await Eventually.Until(() => Notes(second, complaintId), n => n.Any(t => t.Contains("marker", StringComparison.Ordinal)), "the marker note", 30_000);

            Assert.Single(notes, n => n.Contains("called-by-wecom", StringComparison.Ordinal));
            Assert.Single(notes, n => n.Contains("mailed-by-teams", StringComparison.Ordinal));
            Assert.Equal(3, notes.Length);
            Assert.Equal(2L, await Sql.ScalarAsync<long>(cluster.ConnectionString,
                "SELECT COUNT(*) FROM wa_seen_deliveries WHERE delivery_key IN ('wecom:msg:9001', 'wecom:msg:9002') AND expires_at > now()"));
        }
        catch
        {
            cluster.WriteOutput(output);
            throw;
        }
    }

    /// <summary>
    /// Whether a TLS connection showing <paramref name="certificate"/> is refused: its handshake fails, or (TLS 1.3
    /// reports a refused client certificate after the handshake) the server closes it before anything is read. A
    /// connection still open after 10 seconds was admitted, waiting for Orleans' preamble.
    /// </summary>
    private static async Task<bool> Refused(int port, X509Certificate2 certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "wealthactors-silo",
                ClientCertificates = [certificate],
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            });
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await tls.ReadAsync(new byte[1], bound.Token) == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            return true;
        }
    }

    private static Task<HttpResponseMessage> PostWeCom(HttpClient http, WeComSignedCallback callback) =>
        http.PostAsync($"/api/wecom/callback?{callback.Query}", new StringContent(callback.Body, Encoding.UTF8, "application/xml"));

    private static async Task<HttpResponseMessage> PostTeams(HttpClient http, (JsonObject Activity, string Token) captured)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(captured.Activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", captured.Token);
        return await http.SendAsync(request);
    }

    private static async Task<string[]> Notes(HttpClient http, string complaintId)
    {
        var complaint = await (await http.GetAsync($"/api/complaints/{complaintId}")).Json(HttpStatusCode.OK);
        return complaint["timeline"]!.AsArray().Where(t => t!.Str("kind") == "Note").Select(t => t!.Str("text")).ToArray();
    }

    private async Task<string> RunSample(SecuredCluster cluster, Dictionary<string, string> environment)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(RepositoryPaths.SiloAssembly))!);
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(RepositoryPaths.Root, "samples", "ExternalClient", "bin", configuration, "net10.0", "WealthActors.Samples.ExternalClient.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Orleans__ClusterId"] = ClusterId;
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
        Assert.True(process.ExitCode == 0, $"the sample exited with {process.ExitCode}:\n{text}\n{cluster.Nodes[0].Output}");
        return text;
    }

    /// <summary>The two silos, their certificate and the chat fakes, started once for the class.</summary>
    private sealed class SecuredCluster(string connectionString) : IAsyncDisposable
    {
        public const string Password = "cluster-pfx-password";
        public const string AdvisorWeCom = "chen.secured";
        private const string SigningKeyId = "secured-key";

        private readonly string _folder = Directory.CreateTempSubdirectory("wealthactors-tls-").FullName;
        private FakeWeComServer _weCom = null!;
        private FakeBotFrameworkIdentity _identity = null!;
        private bool _seeded;

        public string ConnectionString { get; } = connectionString;

        public string AdvisorObjectId { get; } = Guid.NewGuid().ToString("D");

        public X509Certificate2 Certificate { get; } = SelfSigned("CN=wealthactors-cluster");

        public string CertificatePath => Path.Combine(_folder, "cluster.pfx");

        public FakeBotConnector Connector { get; private set; } = null!;

        public SiloNode[] Nodes { get; private set; } = [];

        public async Task StartAsync()
        {
            await File.WriteAllBytesAsync(CertificatePath, Certificate.Export(X509ContentType.Pfx, Password));
            _weCom = await FakeWeComServer.StartAsync();
            _identity = await FakeBotFrameworkIdentity.StartAsync();
            Connector = await FakeBotConnector.StartAsync(TimeProvider.System);
            _identity.Publish(SigningKeyId, 4, "msteams");
            var settings = new Dictionary<string, string>
            {
                ["Orleans__Tls__CertificatePath"] = CertificatePath,
                ["Orleans__Tls__Password"] = Password,
                ["Teams__AppId"] = BotFrameworkTokens.AppId,
                ["Teams__AppPassword"] = FakeBotConnector.AppPassword,
                ["Teams__OpenIdMetadataUrl"] = _identity.MetadataUrl,
                ["Teams__TokenEndpoint"] = Connector.TokenEndpoint,
            };
            foreach (var (key, value) in WeComCallbackRequests.Settings(_weCom))
            {
                settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
            }

            Nodes = Enumerable.Range(0, 2).Select(i => new SiloNode(ConnectionString, ClusterId, i, settings)).ToArray();
            // One after the other: the second joins a cluster whose first member already answers over TLS.
            foreach (var node in Nodes)
            {
                await node.StartAsync();
            }
        }

        public string TeamsToken() => BotFrameworkTokens.Create(
            FakeBotFrameworkIdentity.NewKey(SigningKeyId, 4), DateTimeOffset.UtcNow, new BotFrameworkTokens.Spec { ServiceUrl = Connector.ServiceUrl });

        public async Task Seed(HttpClient http)
        {
            if (_seeded)
            {
                return;
            }

            await (await http.PutJson("/api/branches/B1", new { name = "Lujiazui", headEmployeeId = "E3" })).Json(HttpStatusCode.OK);
            await (await http.PutJson("/api/employees/E3", new { name = "Wang", role = "BranchHead", branchId = "B1" })).Json(HttpStatusCode.OK);
            await (await http.PutJson("/api/employees/E1", new
            {
                name = "Chen", role = "Advisor", branchId = "B1", managerId = "E3", wecomUserId = AdvisorWeCom, teamsUserId = AdvisorObjectId,
            })).Json(HttpStatusCode.OK);
            await (await http.PutJson("/api/clients/C1", new { name = "张伟", branchId = "B1", advisorId = "E1" })).Json(HttpStatusCode.OK);
            _seeded = true;
        }

        public void WriteOutput(ITestOutputHelper output)
        {
            foreach (var node in Nodes.Where(n => n.IsRunning))
            {
                output.WriteLine($"--- silo {node.Index} ---\n{node.Output[^Math.Min(node.Output.Length, 6000)..]}");
            }
        }

        public static X509Certificate2 SelfSigned(string subject)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var now = DateTimeOffset.UtcNow;
            using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
            // Through PKCS#12 so that the private key is usable by SslStream on every platform.
            return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, Password), Password);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var node in Nodes)
            {
                await node.DisposeAsync();
            }

            await Connector.DisposeAsync();
            await _identity.DisposeAsync();
            await _weCom.DisposeAsync();
            Certificate.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
