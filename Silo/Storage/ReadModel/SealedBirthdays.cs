using System.Globalization;
using System.Text;
using WealthActors.Silo.DataProtection;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// A client's birthday in the read model (docs/ARCHITECTURE.md §5.6): sealed with the key ring, bound to the client's
/// row so a sealed value copied to another client does not open; only the month and day stay in clear, for the
/// birthday care scan, and they alone identify no one.
/// </summary>
internal static class SealedBirthdays
{
    private const string Format = "yyyy-MM-dd";

    public static byte[]? Seal(PayloadSealer sealer, string clientId, DateOnly? birthday) =>
        birthday is { } date
            ? sealer.Seal(Encoding.ASCII.GetBytes(date.ToString(Format, CultureInfo.InvariantCulture)), Context(clientId))
            : null;

    /// <summary>
    /// The birthday of a row: its sealed value, or (a row not yet sealed by <see cref="IClearBirthdaySealing"/>) the
    /// clear one a release before sealing wrote.
    /// </summary>
    public static DateOnly? Open(PayloadSealer sealer, string clientId, byte[]? sealedBirthday, DateOnly? clear) =>
        sealedBirthday is null
            ? clear
            : DateOnly.ParseExact(Encoding.ASCII.GetString(sealer.Open(sealedBirthday, Context(clientId))), Format, CultureInfo.InvariantCulture);

    private static byte[] Context(string clientId) => Encoding.UTF8.GetBytes("rm_clients.birthday:" + clientId);
}

/// <summary>
/// Seals the birthdays that the read model held in clear before sealing was switched on (the schema script that added
/// sealing could only keep their month and day), and clears them. Safe to run on every start and on several silos at
/// once: a row changed meanwhile by its client's grain is left to that write.
/// </summary>
internal interface IClearBirthdaySealing
{
    /// <summary>Seals every clear birthday left and returns how many it sealed.</summary>
    Task<int> SealClearBirthdays(CancellationToken cancellationToken);
}

/// <summary>Runs <see cref="IClearBirthdaySealing"/> as the silo starts, after the schema is current and before grains are served.</summary>
internal sealed partial class ClearBirthdaySealingStartup(IServiceProvider services, ILogger<ClearBirthdaySealingStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClearBirthdaySealingStartup), ServiceLifecycleStage.ApplicationServices, async cancellationToken =>
        {
            if (services.GetService<IClearBirthdaySealing>() is not { } sealing)
            {
                return;
            }

            var sealedCount = await sealing.SealClearBirthdays(cancellationToken);
            if (sealedCount > 0)
            {
                LogSealed(logger, sealedCount);
            }
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Count} client birthdays that the read model held in clear")]
    private static partial void LogSealed(ILogger logger, int count);
}
