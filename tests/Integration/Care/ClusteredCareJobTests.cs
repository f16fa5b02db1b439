using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using WealthActors.Integration.Infrastructure;

namespace WealthActors.Integration.Care;

/// <summary>
/// Two silos on one PostgreSQL database both run the same care job for the same day (as a hand run racing the
/// scheduled one would): the tasks exist once, and the ledger holds each occurrence once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusteredCareJobTests(PostgresServer server)
{
    private const string AdminKey = "care-cluster-admin-key-0123456789";

    [Fact]
    public async Task CareJob_TwoSilosRunTheSameDay_DeliversEachTaskOnce()
    {
        var connectionString = await server.DatabaseAsync("care_cluster");
        var silos = Enumerable.Range(0, 2).Select(_ => new CareSilo(connectionString)).ToList();
        try
        {
            await Task.WhenAll(silos.Select(s => Task.Run(() => s.Server)));
            var a = silos[0].Admin();
            var b = silos[1].Admin();
            await (await a.PutAsJsonAsync("/api/branches/KB", new { name = "Xuhui", headEmployeeId = "KE3" })).Json(HttpStatusCode.OK);
            await (await a.PutAsJsonAsync("/api/employees/KE3", new { name = "Wang", role = "BranchHead", branchId = "KB" })).Json(HttpStatusCode.OK);
            await (await a.PutAsJsonAsync("/api/employees/KE1", new { name = "Chen", role = "Advisor", branchId = "KB", managerId = "KE3" })).Json(HttpStatusCode.OK);
            // Assessed 355 days ago: expires in 10 days, inside the 30-day window.
            var assessed = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-355));
            var clients = Enumerable.Range(1, 20).Select(i => $"KC{i:00}").ToArray();
            foreach (var client in clients)
            {
                await (await b.PutAsJsonAsync($"/api/clients/{client}", new
                {
                    name = $"Client {client}", branchId = "KB", advisorId = "KE1", riskLevel = "C3",
                    riskAssessedOn = assessed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                })).Json(HttpStatusCode.OK);
            }

            var runs = await Task.WhenAll(
                a.PostAsync("/api/admin/jobs/care-risk-expiry/run", null), b.PostAsync("/api/admin/jobs/care-risk-expiry/run", null),
                a.PostAsync("/api/admin/jobs/care-risk-expiry/run", null), b.PostAsync("/api/admin/jobs/care-risk-expiry/run", null));
            var results = await Task.WhenAll(runs.Select(r => r.Json(HttpStatusCode.OK)));
            Assert.Equal(clients.Length, results.Sum(r => r["created"]!.GetValue<int>()));

            var inbox = (await (await b.GetAsync("/api/employees/KE1/inbox?limit=100")).Json(HttpStatusCode.OK)).AsArray();
            var keys = inbox.Select(m => m!["key"]!.GetValue<string>()).ToList();
            Assert.Equal(clients.Length, keys.Count);
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.All(clients, c => Assert.Contains(keys, k => k.StartsWith($"care-risk-expiry:{c}:", StringComparison.Ordinal)));
            Assert.Equal(clients.Length, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM care_occurrences WHERE rule = 'care-risk-expiry'"));

            // The next run, on either silo, finds nothing left to deliver.
            var again = await (await a.PostAsync("/api/admin/jobs/care-risk-expiry/run", null)).Json(HttpStatusCode.OK);
            Assert.Equal(0, again["scanned"]!.GetValue<int>());
        }
        finally
        {
            await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    /// <summary>The Silo application in PostgreSQL mode with an Admin key.</summary>
    private sealed class CareSilo(string connectionString) : WebApplicationFactory<Program>
    {
        public HttpClient Admin()
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
            return client;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:WealthActors", connectionString);
            builder.UseSetting("Orleans:ClusterId", "care");
            builder.UseSetting("Orleans:AdvertisedAddress", "127.0.0.1");
            builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Auth:ApiKeys:0:Name", "admin");
            builder.UseSetting("Auth:ApiKeys:0:Key", AdminKey);
            builder.UseSetting("Auth:ApiKeys:0:Roles:0", "Admin");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in TestKeyRing.Settings())
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
