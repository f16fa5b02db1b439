namespace WealthActors.Silo.DataProtection;

/// <summary>
/// Configuration section <c>Security:DataProtection</c>: the key ring that seals personal data at rest (grain state,
/// birthdays in the read model). Keys come from <see cref="Keys"/>, from <see cref="KeyFile"/>, or both; with neither,
/// the embedded SQLite default makes a key file beside its database, and PostgreSQL mode refuses to start.
/// </summary>
public sealed class DataProtectionOptions
{
    public const string Section = "Security:DataProtection";

    /// <summary>Keys by id; a payload sealed with any of them stays readable while it is listed.</summary>
    public List<DataKeyOptions> Keys { get; set; } = [];

    /// <summary>The key new payloads are sealed with; when empty, the key file's <c>CurrentKeyId</c>.</summary>
    public string CurrentKeyId { get; set; } = "";

    /// <summary>
    /// A JSON file of the same shape (<c>{ "CurrentKeyId": …, "Keys": [ { "Id", "Key", "Algorithm" } ] }</c>), relative to
    /// the content root unless rooted, readable by its owner only. SQLite mode defaults to the file beside the database.
    /// </summary>
    public string KeyFile { get; set; } = "";
}

/// <summary>One key: an id written into every payload it seals, the base64 key, and its algorithm.</summary>
public sealed class DataKeyOptions
{
    public string Id { get; set; } = "";

    /// <summary>Base64 of 32 random bytes for AES-256-GCM, 16 for SM4-GCM.</summary>
    public string Key { get; set; } = "";

    /// <summary><c>AES-256-GCM</c> (the default) or <c>SM4-GCM</c>.</summary>
    public string Algorithm { get; set; } = SealingAlgorithms.Aes256GcmName;
}
