namespace WealthActors.Silo.Storage;

/// <summary>
/// The names the batched writes share with Orleans' ADO.NET providers: the <c>OrleansQuery</c> keys whose texts the
/// batcher runs itself, and the parameters it binds as Orleans would. Orleans reads and clears through the same texts,
/// so a name Orleans renamed in a later release would fail in production; the contract test
/// (<c>OrleansContractTests</c>) checks every name here, and every parameter of the stored texts, against the pinned
/// Orleans assemblies.
/// </summary>
internal static class OrleansContract
{
    public const string ReadFromStorageKey = "ReadFromStorageKey";
    public const string WriteToStorageKey = "WriteToStorageKey";
    public const string UpsertReminderRowKey = "UpsertReminderRowKey";
    public const string DeleteReminderRowKey = "DeleteReminderRowKey";

    public const string ServiceId = "ServiceId";
    public const string GrainTypeString = "GrainTypeString";
    public const string GrainIdN0 = "GrainIdN0";
    public const string GrainIdN1 = "GrainIdN1";
    public const string GrainIdExtensionString = "GrainIdExtensionString";
    public const string GrainStateVersion = "GrainStateVersion";
    public const string PayloadBinary = "PayloadBinary";

    public const string GrainId = "GrainId";
    public const string ReminderName = "ReminderName";
    public const string StartTime = "StartTime";
    public const string Period = "Period";
    public const string GrainHash = "GrainHash";
    public const string Version = "Version";
}
