using System.Net;
using WealthActors.Integration.Infrastructure;

namespace WealthActors.Integration.Audit;

/// <summary>
/// On PostgreSQL: a command's audit entry commits in the transaction of the state change it records, so when the database
/// refuses the entry the change is not kept either; with two Silo processes, whichever silo took the request and wherever
/// the grain lives (a grain on the other silo leaves the entry to the answer, as before), each command has exactly one
/// entry, none a correction, and every chain is gapless.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStateWriteAuditTests(PostgresServer server)
{
    private const int Complaints = 12;

    [Fact]
    public async Task Commands_ThroughEitherSilo_OneEntryEach_NoneCorrected_ChainsGapless()
    {
        var connectionString = await server.DatabaseAsync("state_write_audit");
        var nodes = Enumerable.Range(0, 2).Select(i => new SiloNode(connectionString, "state-write-audit", i)).ToArray();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.StartAsync()));
            var http = nodes.Select(n => n.Client()).ToArray();
            await Seed(http[0]);

            var ids = new List<string>();
            for (var n = 0; n < Complaints; n++)
            {
                // Opened through one silo and acknowledged through the other.
                var created = await (await http[n % 2].PostJson("/api/complaints", new
                {
                    clientId = "C1", category = "Fees", severity = "Normal", channel = "branch", description = $"Complaint {n}", openedBy = "A1",
                })).Json(HttpStatusCode.Created);
                var id = created.Str("complaintId");
                await (await http[(n + 1) % 2].PostJson($"/api/complaints/{id}/acknowledge", new { by = "A1", text = "On it" })).Json(HttpStatusCode.OK);
                ids.Add(id);
            }

            foreach (var id in ids)
            {
                var entries = await Sql.RowsAsync(connectionString,
                    $"SELECT action, outcome FROM audit_entries WHERE target_type = 'complaint' AND target_id = '{id}' ORDER BY at, sequence;");
                Assert.Equal(["complaint.open:201", "complaint.acknowledge:200"], entries);
            }

            // Every chain numbered 1..n without a gap: entries sealed in commit order on both silos.
            var chains = await Sql.RowsAsync(connectionString,
                "SELECT count(*) = max(sequence) AND min(sequence) = 1 FROM audit_entries GROUP BY chain_id;");
            Assert.Equal(2, chains.Count);
            Assert.All(chains, gapless => Assert.Equal("True", gapless));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Command_DatabaseRefusesItsEntry_StateChangeIsNotKept()
    {
        var connectionString = await server.DatabaseAsync("state_write_audit_refused");
        await using var node = new SiloNode(connectionString, "state-write-audit-refused", 0);
        await node.StartAsync();
        var http = node.Client();
        await Seed(http);
        await Sql.ExecuteAsync(connectionString, """
            CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """);

        var refused = await http.PutJson("/api/branches/B1", new { name = "Renamed", headEmployeeId = "H1" });
        await Sql.ExecuteAsync(connectionString, "DROP TRIGGER refuse_audit ON audit_entries;");

        // The entry's failure failed the state write: nothing is kept, in the grain or in the database. The failure's
        // own entry cannot be committed either, so the caller hears that the trail is down.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("\"Branch\"", await http.GetStringAsync("/api/branches/B1"));
        Assert.Equal(["branch.upsert:200"], await Sql.RowsAsync(connectionString,
            "SELECT action, outcome FROM audit_entries WHERE target_id = 'B1' ORDER BY sequence;"));
    }

    private static async Task Seed(HttpClient http)
    {
        await (await http.PutJson("/api/branches/B1", new { name = "Branch", headEmployeeId = "H1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/H1", new { name = "Head", role = "BranchHead", branchId = "B1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/employees/A1", new { name = "Advisor", role = "Advisor", branchId = "B1", managerId = "H1" })).Json(HttpStatusCode.OK);
        await (await http.PutJson("/api/clients/C1", new { name = "客户", branchId = "B1", advisorId = "A1" })).Json(HttpStatusCode.OK);
    }
}
