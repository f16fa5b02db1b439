using Microsoft.Extensions.Logging;
using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Notifications;
using WealthActors.ServiceRequests;
using WealthActors.Sla;

namespace WealthActors.Grains.Notifications;

[GenerateSerializer, Alias("WealthActors.ClientUpdateGrainState")]
public sealed class ClientUpdateGrainState
{
    [Id(0)] public ClientUpdateRequest? Request { get; set; }
    [Id(1)] public ClientUpdateOutcome? Outcome { get; set; }
    [Id(2)] public int Attempts { get; set; }

    /// <summary>The outcome is on the complaint's timeline: nothing is left to do.</summary>
    [Id(3)] public bool Reported { get; set; }

    /// <summary>
    /// The channel handed the message and not known to have refused it, stored before each hand-over: after a crash
    /// or an answer that never came, that channel may hold the message, so the update goes on there, with the same key.
    /// </summary>
    [Id(4)] public string? Sending { get; set; }

    /// <summary>Channels that refused the message for good (channel → why); never asked again. Null while none.</summary>
    [Id(5)] public Dictionary<string, string>? Refused { get; set; }

    /// <summary>Failed hand-overs per channel; a channel is given up after <see cref="ClientUpdateGrain.MaxAttempts"/>.</summary>
    [Id(6)] public Dictionary<string, int>? Failures { get; set; }
}

/// <summary>
/// Sends one update to a client, once, as chat pushes are sent: the request is stored when the complaint hands it over
/// (keyed by the change), each hand-over to a channel is stored before it is made (which channel, the attempt), and
/// the outcome is stored before it is reported to the complaint. An update owed after another on the same case waits
/// until that one is settled before its first hand-over, so the client hears of the changes in order. A channel that
/// fails (no answer, a server error) is asked again after 2, 4, 8 and 16 s with the same key, and only once it is given
/// up is the next consented channel tried: a failure may hide a message taken, and moving on at once could tell the
/// client twice by two channels. A refusal is final for its channel and the next one is tried at once. A durable
/// reminder brings an unfinished update back after its silo is gone, to the channel it was with.
/// <para>
/// The window that remains, at least once: a channel that took the message while its answer was lost (a silo that
/// died before storing the outcome, a timeout) is asked again with the same key. The SMS gateway receives the key as
/// <c>messageId</c> and drops the repeat. WeCom's <c>externalcontact/add_msg_template</c> takes no key of ours, so there
/// the repeat is a second sending task in the advisor's WeCom, which reaches the client only if the advisor confirms it
/// too; a channel given up after failures and a later channel taking the message is the same window across channels.
/// </para>
/// </summary>
public sealed partial class ClientUpdateGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<ClientUpdateGrainState> state,
    IClientMessageSender sender,
    ILogger<ClientUpdateGrain> logger) : Grain, IClientUpdateGrain, IRemindable
{
    internal const int MaxAttempts = 5;
    private const string RetryReminder = "client-update-retry";

    private IGrainTimer? _worker;
    private int _waits;

    private ClientUpdateGrainState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Request is not null && !S.Reported)
        {
            Schedule(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task Submit(ClientUpdateRequest request)
    {
        if (S.Request is not null)
        {
            return;
        }

        S.Request = request;
        if (await GrainFactory.GetGrain<IClientGrain>(request.ClientId).ConsentsToUpdates() == false)
        {
            // Consent withdrawn since the case looked (it hands over nothing for a client without it): nothing is owed
            // and nothing is put on the case's timeline.
            S.Outcome = Outcome(ClientUpdateStatus.NotSent, null, "the client has not consented to progress updates");
            S.Reported = true;
            await state.WriteStateAsync();
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(RetryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            await state.WriteStateAsync();
        }
        catch
        {
            // Not held: the complaint hands it over again, and that repeat must be taken, not ignored.
            S.Request = null;
            throw;
        }

        Schedule(TimeSpan.Zero);
    }

    public Task<ClientUpdateOutcome?> GetOutcome() => Task.FromResult(S.Outcome);

    public Task<bool> IsSettled() => Task.FromResult(S.Request is null || S.Outcome is not null);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (S.Request is not null && !S.Reported)
        {
            Schedule(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    private void Schedule(TimeSpan dueTime)
    {
        _worker?.Dispose();
        _worker = this.RegisterGrainTimer(static (grain, _) => grain.Work(), this,
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task Work()
    {
        try
        {
            if (S.Outcome is null && await WaitsForTheUpdateBefore())
            {
                // Usually a few milliseconds; never longer than the reminder's minute if this activation goes away.
                Schedule(TimeSpan.FromMilliseconds(Math.Min(5_000, 50 << Math.Min(_waits++, 7))));
                return;
            }

            S.Outcome ??= await TrySend();
            if (S.Outcome is null)
            {
                Schedule(TimeSpan.FromSeconds(Math.Pow(2, Math.Min(S.Failures?.GetValueOrDefault(S.Sending ?? "") ?? 1, MaxAttempts - 1))));
                return;
            }

            await state.WriteStateAsync();
            await RecordOnTheCase(S.Request!, S.Outcome);
            S.Reported = true;
            await state.WriteStateAsync();
            if (await this.GetReminder(RetryReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, this.GetPrimaryKeyString());
            Schedule(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>
    /// Whether the update owed before this one on the same case is still being sent. Only before this one's first
    /// hand-over: once a channel may hold this message, waiting would only delay it.
    /// </summary>
    private async Task<bool> WaitsForTheUpdateBefore() =>
        S.Sending is null && S.Request!.After is { } before
        && !await GrainFactory.GetGrain<IClientUpdateGrain>(before).IsSettled();

    /// <summary>Writes the outcome on the timeline of the case the update is about.</summary>
    private Task RecordOnTheCase(ClientUpdateRequest request, ClientUpdateOutcome outcome) => request.Case switch
    {
        CaseKind.ServiceRequest => GrainFactory.GetGrain<IServiceRequestGrain>(request.CaseId).RecordClientUpdate(outcome),
        _ => GrainFactory.GetGrain<IComplaintGrain>(request.CaseId).RecordClientUpdate(outcome),
    };

    /// <summary>
    /// Hands the message to the planned channels in order, from the one it was with; null when that channel failed and
    /// is to be asked again later. Every hand-over is stored before it is made.
    /// </summary>
    private async Task<ClientUpdateOutcome?> TrySend()
    {
        var request = S.Request!;
        ClientView client;
        try
        {
            client = await GrainFactory.GetGrain<IClientGrain>(request.ClientId).GetView();
        }
        catch (EntityNotFoundException)
        {
            return Outcome(ClientUpdateStatus.NotSent, null, "the client no longer exists");
        }

        var advisor = await GrainFactory.GetGrain<IEmployeeGrain>(client.Profile.AdvisorId).GetProfile();
        var (channels, whyNone) = ClientUpdateRouting.Plan(client.Profile, advisor?.WeComUserId, sender.Offers);
        if (whyNone is not null)
        {
            return Outcome(ClientUpdateStatus.NotSent, null, whyNone);
        }

        var contact = new ClientContact(client.Profile.Phone, client.Profile.WeComExternalUserId, advisor?.WeComUserId);
        foreach (var channel in ClientUpdateAttempts.Order(channels, S.Sending, S.Refused, S.Failures, MaxAttempts))
        {
            if (S.Sending == channel && S.Attempts > 0)
            {
                LogHandedAgain(logger, this.GetPrimaryKeyString(), channel);
            }

            // Stored before the hand-over: from here on this channel may hold the message.
            S.Attempts++;
            S.Sending = channel;
            await state.WriteStateAsync();
            var answer = await sender.Send(channel, contact, request.Text, request.Key);
            switch (answer.Verdict)
            {
                case ChannelVerdict.Accepted:
                    return Outcome(ClientUpdateStatus.Sent, channel, answer.Detail);
                case ChannelVerdict.Refused:
                    (S.Refused ??= new Dictionary<string, string>(StringComparer.Ordinal))[channel] = answer.Detail;
                    S.Sending = null;
                    break;
                default:
                    S.Failures ??= new Dictionary<string, int>(StringComparer.Ordinal);
                    var failures = S.Failures[channel] = S.Failures.GetValueOrDefault(channel) + 1;
                    LogAttemptFailed(logger, this.GetPrimaryKeyString(), channel, answer.Detail);
                    if (failures < MaxAttempts)
                    {
                        // Asked again later, with the same key: the failure may hide a message it took.
                        await state.WriteStateAsync();
                        return null;
                    }

                    S.Sending = null;
                    break;
            }
        }

        return S.Refused is { Count: > 0 } refused && channels.LastOrDefault(refused.ContainsKey) is { } refusedBy
            ? Outcome(ClientUpdateStatus.Refused, refusedBy, refused[refusedBy])
            : Outcome(ClientUpdateStatus.NotSent, null, $"every channel failed ({S.Attempts} attempts)");
    }

    private ClientUpdateOutcome Outcome(ClientUpdateStatus status, string? channel, string detail) =>
        new(S.Request!.Key, status, channel, detail, S.Attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client update {Key}: {Channel} failed ({Detail}); retried")]
    private static partial void LogAttemptFailed(ILogger logger, string key, string channel, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client update {Key}: handed to {Channel} again, which may hold it from before (a crash or a lost answer); the same key goes with it")]
    private static partial void LogHandedAgain(ILogger logger, string key, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client update {Key}: a step failed; retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, string key);
}
