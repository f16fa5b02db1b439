using Microsoft.Extensions.Logging;
using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Notifications;

namespace WealthActors.Grains.Notifications;

[GenerateSerializer, Alias("WealthActors.ClientUpdateGrainState")]
public sealed class ClientUpdateGrainState
{
    [Id(0)] public ClientUpdateRequest? Request { get; set; }
    [Id(1)] public ClientUpdateOutcome? Outcome { get; set; }
    [Id(2)] public int Attempts { get; set; }

    /// <summary>The outcome is on the complaint's timeline: nothing is left to do.</summary>
    [Id(3)] public bool Reported { get; set; }
}

/// <summary>
/// Sends one update to a client, once: the request is stored when the complaint hands it over, each attempt is counted
/// in state before it is made, and the outcome is stored before it is reported to the complaint. A failure that may
/// pass is retried (2, 4, 8, 16 s), then given up; a refusal is final for that channel and the next consented one is
/// tried. A durable reminder brings an unfinished update back after its silo is gone. The one repeat that remains: a
/// silo that dies after a channel took the message and before the outcome was stored sends it again on restart (the
/// SMS gateway receives the update's key and drops such a repeat; WeCom has no such key).
/// </summary>
public sealed partial class ClientUpdateGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<ClientUpdateGrainState> state,
    IClientMessageSender sender,
    ILogger<ClientUpdateGrain> logger) : Grain, IClientUpdateGrain, IRemindable
{
    internal const int MaxAttempts = 5;
    private const string RetryReminder = "client-update-retry";

    private IGrainTimer? _worker;

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
        if (await ClientConsents(request.ClientId) == false)
        {
            // Most clients: nothing is owed and nothing is put on the case's timeline.
            S.Outcome = Outcome(ClientUpdateStatus.NotSent, null, "the client has not consented to progress updates");
            S.Reported = true;
            await state.WriteStateAsync();
            return;
        }

        await this.RegisterOrUpdateReminder(RetryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await state.WriteStateAsync();
        Schedule(TimeSpan.Zero);
    }

    /// <summary>Whether the client consented to any channel; null when the client is not there (told on the timeline).</summary>
    private async Task<bool?> ClientConsents(string clientId)
    {
        try
        {
            return (await GrainFactory.GetGrain<IClientGrain>(clientId).GetView()).Profile.UpdateConsent is { Count: > 0 };
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }

    public Task<ClientUpdateOutcome?> GetOutcome() => Task.FromResult(S.Outcome);

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
            S.Outcome ??= await TrySend();
            if (S.Outcome is null)
            {
                Schedule(TimeSpan.FromSeconds(Math.Pow(2, S.Attempts)));
                return;
            }

            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IComplaintGrain>(S.Request!.ComplaintId).RecordClientUpdate(S.Outcome);
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

    /// <summary>One round over the planned channels; null when it should be tried again later.</summary>
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

        // Counted before the attempt, so a crash mid-send still counts it.
        S.Attempts++;
        await state.WriteStateAsync();
        var contact = new ClientContact(client.Profile.Phone, client.Profile.WeComExternalUserId, advisor?.WeComUserId);
        ChannelAnswer? refused = null;
        string? refusedBy = null;
        var failed = false;
        foreach (var channel in channels)
        {
            var answer = await sender.Send(channel, contact, request.Text, request.Key);
            switch (answer.Verdict)
            {
                case ChannelVerdict.Accepted:
                    return Outcome(ClientUpdateStatus.Sent, channel, answer.Detail);
                case ChannelVerdict.Refused:
                    (refused, refusedBy) = (answer, channel);
                    break;
                default:
                    failed = true;
                    LogAttemptFailed(logger, this.GetPrimaryKeyString(), channel, answer.Detail);
                    break;
            }
        }

        if (failed && S.Attempts < MaxAttempts)
        {
            return null;
        }

        return refused is not null
            ? Outcome(ClientUpdateStatus.Refused, refusedBy, refused.Detail)
            : Outcome(ClientUpdateStatus.NotSent, null, $"every channel failed {S.Attempts} times");
    }

    private ClientUpdateOutcome Outcome(ClientUpdateStatus status, string? channel, string detail) =>
        new(S.Request!.Key, status, channel, detail, S.Attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client update {Key}: {Channel} failed ({Detail}); retried")]
    private static partial void LogAttemptFailed(ILogger logger, string key, string channel, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client update {Key}: a step failed; retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, string key);
}
