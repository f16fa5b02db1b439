using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using WealthActors.Bot.Channels.WebChat;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Security;

namespace WealthActors.Silo.Apis;

/// <summary>An inbox message as the web console shows it, with the card its buttons come from.</summary>
public sealed record WebChatInboxItem(
    string Id, InboxKind Kind, string Key, string? ComplaintId, string? ClientId, string Text, DateTimeOffset CreatedAt,
    IReadOnlyList<string> DeliveredVia, WebChatCard? Card)
{
    public static WebChatInboxItem From(InboxMessage m) => new(
        m.Id, m.Kind, m.Key, m.ComplaintId, m.ClientId, m.Text, m.CreatedAt, m.DeliveredVia,
        InboxCards.For(m) is { Buttons.Count: > 0 } card ? WebChatCard.From(card) : null);
}

/// <summary>One server-sent event: a snapshot of the recent inbox, or one new or changed message.</summary>
public sealed record WebChatInboxEvent(IReadOnlyList<WebChatInboxItem> Messages);

/// <summary>
/// Chat through the same conversation engine as WeCom and Teams, and watch one's inbox live, as the signed-in person
/// (a bearer token or a console session): the person is who proved themselves, never a field of the request. API keys
/// are for systems and get 403 here.
/// </summary>
public static class WebChatApi
{
    public const string Channel = "webchat";

    /// <summary>How often the stream re-reads the inbox, which also keeps idle connections alive.</summary>
    private static readonly TimeSpan SnapshotPeriod = TimeSpan.FromSeconds(10);

    private const int SnapshotSize = 30;

    public static IEndpointRouteBuilder MapWebChatApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/webchat").DeclaresPipelineProblems().WithTags("WebChat")
            .RequireAuthorization(AuthHostingExtensions.Policies.Person);
        group.MapPost("/messages", Send).Produces<WebChatReply>();
        group.MapGet("/inbox/{employeeId}/stream", Stream).RequireRateLimiting(InboxStreamCap.Policy)
            .Produces<WebChatInboxEvent>(StatusCodes.Status200OK, "text/event-stream").ProducesProblems(400, 404);
        return routes;
    }

    private static async Task<IResult> Send(
        WebChatMessageRequest body, HttpContext http, IConversationEngine engine, CancellationToken cancellationToken)
    {
        var self = WealthActorsClaims.EmployeeIdOf(http.User)!;
        var v = new RequestValidation().Require(body.Text, "text", CommandParser.MaxInputLength);
        if (body.EmployeeId is not null && body.EmployeeId != self)
        {
            v.Forbid("employeeId", $"A person chats only as themselves ({self}), not as '{body.EmployeeId}'.");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var reply = await engine.HandleAsync(self, Channel, body.Text!, cancellationToken);
        return TypedResults.Ok(WebChatReply.From(reply));
    }

    private static async Task<IResult> Stream(
        string employeeId, HttpContext http, IGrainFactory grains, WebChatInboxHub hub, CancellationToken cancellationToken)
    {
        var v = new RequestValidation().Id(employeeId, "employeeId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        // Only its owner follows an inbox; another's answers as if it did not exist.
        var employee = grains.GetGrain<IEmployeeGrain>(employeeId);
        if (employeeId != WealthActorsClaims.EmployeeIdOf(http.User) || await employee.GetProfile() is null)
        {
            return TypedResults.Problem(statusCode: 404, title: $"Employee '{employeeId}' does not exist.");
        }

        return TypedResults.ServerSentEvents(Events(employee, hub.Subscribe(employeeId), cancellationToken));
    }

    /// <summary>
    /// A snapshot first, then pushes as they come. The periodic snapshot covers what a push cannot: messages
    /// delivered on another silo of the cluster, and pushes dropped for a slow reader.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<WebChatInboxEvent>> Events(
        IEmployeeGrain employee, WebChatInboxHub.Subscription subscription, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var _ = subscription;
        yield return await Snapshot(employee);
        Task<bool>? waiting = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            waiting ??= subscription.Reader.WaitToReadAsync(cancellationToken).AsTask();
            bool pushed;
            using (var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // The timer is cancelled when a push wins, so a busy stream does not pile up pending delays.
                var delay = Task.Delay(SnapshotPeriod, tick.Token);
                pushed = await Task.WhenAny(waiting, delay) == waiting;
                await tick.CancelAsync();
            }

            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (!pushed)
            {
                yield return await Snapshot(employee);
                continue;
            }

            if (!waiting.IsCompletedSuccessfully || !waiting.Result)
            {
                yield break;
            }

            waiting = null;
            while (subscription.Reader.TryRead(out var push))
            {
                var eventType = push.Reason == InboxPushReason.Delivered ? "message" : "update";
                yield return new SseItem<WebChatInboxEvent>(new WebChatInboxEvent([WebChatInboxItem.From(push.Message)]), eventType);
            }
        }
    }

    private static async Task<SseItem<WebChatInboxEvent>> Snapshot(IEmployeeGrain employee)
    {
        var messages = await employee.GetInbox(SnapshotSize);
        return new SseItem<WebChatInboxEvent>(new WebChatInboxEvent(messages.Select(WebChatInboxItem.From).ToArray()), "snapshot");
    }
}
