using Microsoft.Extensions.Logging;
using WealthActors.Employees;
using WealthActors.Grains.Complaints;
using WealthActors.Suitability;
using WealthActors.Tasks;

namespace WealthActors.Grains.Suitability;

/// <summary>
/// What a suitability decision owes the world once its state is stored: inbox messages, tasks and register lines. Kept in the
/// grain's state (written with the change that caused them) and sent after the write; what fails stays for the next
/// call, tick or activation. Recipients drop messages by key, a task id is created once and the register upserts by key,
/// so sending twice is harmless.
/// </summary>
[GenerateSerializer, Alias("WealthActors.SuitabilityEffects")]
public sealed class SuitabilityEffects
{
    [Id(0)] public List<OutboxEntry> Messages { get; set; } = [];
    [Id(1)] public List<SuitabilityRegisterEntry> Register { get; set; } = [];
    [Id(2)] public List<TaskOrder> Tasks { get; set; } = [];

    public bool IsEmpty => Messages.Count == 0 && Register.Count == 0 && Tasks.Count == 0;

    /// <summary>Sends what is owed; returns true when anything was sent (so the grain writes the shorter list).</summary>
    public async Task<bool> Send(IGrainFactory grains, ISuitabilityRegister register, ILogger logger, string grainKey)
    {
        var sent = false;
        foreach (var entry in Messages.ToArray())
        {
            try
            {
                await grains.GetGrain<IEmployeeGrain>(entry.EmployeeId).Deliver(entry.Message);
                Messages.Remove(entry);
                sent = true;
            }
            catch (Exception ex)
            {
                SuitabilityLog.DeliveryFailed(logger, ex, grainKey, entry.Message.Key, entry.EmployeeId);
            }
        }

        foreach (var order in Tasks.ToArray())
        {
            try
            {
                await grains.GetGrain<ITaskGrain>(order.TaskId).Create(order.Command, Actor.System("suitability"));
                Tasks.Remove(order);
                sent = true;
            }
            catch (EntityExistsException)
            {
                // Created by an earlier send whose removal was not stored.
                Tasks.Remove(order);
                sent = true;
            }
            catch (DomainValidationException ex)
            {
                // The owner or the client is not (or no longer) on record: no retry can create it.
                SuitabilityLog.TaskRefused(logger, grainKey, order.TaskId, ex.Field, ex.Message);
                Tasks.Remove(order);
                sent = true;
            }
            catch (Exception ex)
            {
                SuitabilityLog.TaskFailed(logger, ex, grainKey, order.TaskId);
            }
        }

        foreach (var line in Register.ToArray())
        {
            try
            {
                await register.Record(line);
                Register.Remove(line);
                sent = true;
            }
            catch (Exception ex)
            {
                SuitabilityLog.RegisterFailed(logger, ex, grainKey, line.Key);
            }
        }

        return sent;
    }
}

internal static partial class SuitabilityLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{GrainKey}: delivery of {Key} to {EmployeeId} failed; retried later")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string grainKey, string key, string employeeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{GrainKey}: task {TaskId} not created; retried later")]
    public static partial void TaskFailed(ILogger logger, Exception exception, string grainKey, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{GrainKey}: task {TaskId} refused ({Field}: {Reason}); not retried")]
    public static partial void TaskRefused(ILogger logger, string grainKey, string taskId, string field, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{GrainKey}: register line {Key} not recorded; retried later")]
    public static partial void RegisterFailed(ILogger logger, Exception exception, string grainKey, string key);
}

/// <summary>A task to create under a stable id (so a second send finds it).</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.TaskOrder")]
public sealed record TaskOrder([property: Id(0)] string TaskId, [property: Id(1)] CreateTask Command);
