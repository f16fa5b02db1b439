using Microsoft.Extensions.Logging;
using WealthActors.Employees;
using WealthActors.Grains.Complaints;
using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

/// <summary>
/// What a suitability decision owes the world once its state is stored: inbox messages and register lines. Kept in the
/// grain's state (written with the change that caused them) and sent after the write; what fails stays for the next
/// call, tick or activation. Recipients drop messages by key and the register upserts by key, so sending twice is harmless.
/// </summary>
[GenerateSerializer, Alias("WealthActors.SuitabilityEffects")]
public sealed class SuitabilityEffects
{
    [Id(0)] public List<OutboxEntry> Messages { get; set; } = [];
    [Id(1)] public List<SuitabilityRegisterEntry> Register { get; set; } = [];

    public bool IsEmpty => Messages.Count == 0 && Register.Count == 0;

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{GrainKey}: register line {Key} not recorded; retried later")]
    public static partial void RegisterFailed(ILogger logger, Exception exception, string grainKey, string key);
}
