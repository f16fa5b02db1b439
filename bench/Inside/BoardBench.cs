using System.Diagnostics;
using WealthActors.Grains.ReadModel;
using WealthActors.Permissions;
using WealthActors.ReadModel;
using WealthActors.Silo.WebConsole;

namespace WealthActors.Bench.Inside;

/// <summary>
/// The console's SLA board over a large book, inside the silo process: open complaints written straight into the read
/// model (the board reads nothing else), then the board's own queries (<see cref="SlaBoardQuery"/>) timed as a branch
/// head and as compliance would run them, one showing at a time.
/// </summary>
public static class BoardBench
{
    private static readonly SlaState[] States = [SlaState.OnTrack, SlaState.AtRisk, SlaState.Breached, SlaState.Paused];
    private static readonly string[] Categories = ["Fees", "Service", "Transfer", "Product", "Statement"];

    // The seeded complaints' clients: complaint i is client i mod this, so each client's complaints share one branch.
    private const int Clients = 50_000;

    public static Task<IResult> Seed(IReadModelWriter writer, TimeProvider clock, int count, int branches)
    {
        var now = clock.GetUtcNow();
        return ReadModelSeeding.InWaves(Enumerable.Range(0, count).Select(i => Row(i, branches, now)), row => writer.UpsertComplaint(row));
    }

    /// <summary>Each showing: the counts by state and the first page, ordered by urgency, as the board first opens.</summary>
    public static async Task<IResult> Time(IReadModelQueries readModel, string? branch, int runs)
    {
        var scope = branch is null ? AccessScope.All : new AccessScope(false, [], [branch]);
        var filter = new ComplaintFilter(Scope: scope);
        var first = await SlaBoardQuery.Load(readModel, filter, null, ComplaintOrder.Urgency, 1);
        var millis = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await SlaBoardQuery.Load(readModel, filter, null, ComplaintOrder.Urgency, 1);
            millis[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var last = Stopwatch.GetTimestamp();
        var lastPage = await SlaBoardQuery.Load(readModel, filter, null, ComplaintOrder.Urgency, int.MaxValue);
        return TypedResults.Ok(new
        {
            open = first.Counts.Values.Sum(), rows = first.Rows.Count, millis,
            lastPageMs = Stopwatch.GetElapsedTime(last).TotalMilliseconds, lastPage = lastPage.Page,
        });
    }

    /// <summary>
    /// The console's client page: one client's complaints, newest first, as the head of the client's branch sees them,
    /// a different client each time; every one of the client's seeded complaints must come back.
    /// </summary>
    public static async Task<IResult> TimeClientPages(IReadModelQueries readModel, int count, int branches, int runs)
    {
        var clients = Math.Min(count, Clients);
        var millis = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var client = (int)((long)i * 7919 % clients);
            var filter = new ComplaintFilter(
                ClientId: $"BC{client:0000000}", Scope: new AccessScope(false, [], [$"BB{client % branches:00}"]),
                Order: ComplaintOrder.Newest, Limit: 100);
            var started = Stopwatch.GetTimestamp();
            var rows = await readModel.ListComplaints(filter);
            millis[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var expected = (count - client + clients - 1) / clients;
            if (rows.Count != Math.Min(expected, 100))
            {
                throw new InvalidOperationException($"Client BC{client:0000000} listed {rows.Count} complaints, not {expected}.");
            }
        }

        return TypedResults.Ok(new { millis });
    }

    private static ComplaintRow Row(int i, int branches, DateTimeOffset now)
    {
        var opened = now.AddMinutes(-(i % 20_000));
        return new ComplaintRow(
            $"BK{i:0000000}", $"BC{i % Clients:0000000}", $"BB{i % branches:00}", $"BA{i % (branches * 20):0000}", ComplaintStatus.Open,
            States[i / branches % States.Length], (Severity)(i % 4), Categories[i % Categories.Length], i % 3, opened,
            NextDeadline: opened.AddHours(24 + i % 48), ResolutionDue: opened.AddDays(15), UpdatedAt: now);
    }
}
