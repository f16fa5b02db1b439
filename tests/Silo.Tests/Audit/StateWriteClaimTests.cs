using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using WealthActors.Audit;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Audit;

namespace WealthActors.Silo.Tests.Audit;

/// <summary>
/// A request's entry as the first state write it makes carries it: predicted from the declared success status, the
/// route and the body; the answer adds nothing when it agrees, and an entry of its own that corrects the claimed one when
/// it does not.
/// </summary>
public sealed class StateWriteClaimTests
{
    private static readonly GrainId Complaint = GrainId.Create("complaint", "CMP-1");

    [Fact]
    public async Task AnswerAgrees_TheClaimedEntryIsTheRequestsOnly()
    {
        var (exchange, context, trail) = Command();

        var claim = exchange.TryClaim(Complaint)!;
        Committed(claim, sequence: 5);
        context.Response.StatusCode = 200;
        await exchange.FinishAsync();

        Assert.Equal(("complaint.acknowledge", "complaint", "CMP-1", "200"), (claim.Record.Action, claim.Record.TargetType, claim.Record.TargetId, claim.Record.Outcome));
        Assert.Equal(AuditDigests.Of(""), claim.Record.Digest);
        Assert.Empty(trail.Records);
    }

    [Fact]
    public async Task AnswerDisagrees_AnEntryOfItsOwnNamesTheAnswer_AndTheEntryItCorrects()
    {
        var (exchange, context, trail) = Command();

        Committed(exchange.TryClaim(Complaint)!, sequence: 5);
        context.Response.StatusCode = 409;
        await exchange.FinishAsync();

        var record = Assert.Single(trail.Records);
        Assert.Equal(("complaint.acknowledge", "CMP-1", "409; corrects entry 5"), (record.Action, record.TargetId, record.Outcome));
    }

    [Fact]
    public async Task ClaimedWriteFailed_TheEntryIsMadeWithTheAnswer()
    {
        var (exchange, context, trail) = Command();

        exchange.TryClaim(Complaint)!.Done(false);
        context.Response.StatusCode = 500;
        await exchange.FinishAsync();

        Assert.Equal("500", Assert.Single(trail.Records).Outcome);
    }

    [Fact]
    public void OnlyTheFirstWriteClaims()
    {
        var (exchange, _, _) = Command();

        Assert.NotNull(exchange.TryClaim(Complaint));
        Assert.Null(exchange.TryClaim(GrainId.Create("client", "C1")));
    }

    [Fact]
    public void BodyNotYetRead_NoClaim()
    {
        var (exchange, _, _) = Command(contentLength: 12);

        Assert.Null(exchange.TryClaim(Complaint));
    }

    [Fact]
    public void Create_ClaimedOnlyByTheCreatedGrainsWrite_NamedByItsKey()
    {
        var (exchange, _, _) = Exchange("/api/complaints", "/api/complaints", new RouteValueDictionary(), 201);

        Assert.Null(exchange.TryClaim(GrainId.Create("client", "C1")));
        var claim = exchange.TryClaim(GrainId.Create("complaint", "CMP-9"))!;

        Assert.Equal(("complaint.open", "complaint", "CMP-9", "201"), (claim.Record.Action, claim.Record.TargetType, claim.Record.TargetId, claim.Record.Outcome));
    }

    private static void Committed(StateWriteClaim claim, long sequence)
    {
        claim.Sealed(new AuditEntry("chain", sequence, DateTimeOffset.UnixEpoch, claim.Record, AuditHashAlgorithms.Sha256, "", "hash"));
        claim.Done(true);
    }

    private static (AuditedExchange, HttpContext, RecordingTrail) Command(long contentLength = 0) =>
        Exchange("/api/complaints/CMP-1/acknowledge", "/api/complaints/{complaintId}/{command}",
            new RouteValueDictionary { ["complaintId"] = "CMP-1", ["command"] = "acknowledge" }, 200, contentLength);

    private static (AuditedExchange, HttpContext, RecordingTrail) Exchange(
        string path, string pattern, RouteValueDictionary values, int declared, long contentLength = 0)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = path;
        context.Request.ContentLength = contentLength;
        context.Request.Body = new MemoryStream(new byte[contentLength]);
        context.Request.RouteValues = values;
        var builder = new RouteEndpointBuilder(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(declared, typeof(object), ["application/json"]));
        var trail = new RecordingTrail();
        var exchange = new AuditedExchange(context, builder.Build(), trail);
        exchange.Begin();
        return (exchange, context, trail);
    }

    private sealed class RecordingTrail : IAuditTrail
    {
        public List<AuditRecord> Records { get; } = [];

        public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
        {
            Records.Add(record);
            return Task.CompletedTask;
        }
    }
}
