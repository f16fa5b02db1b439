using System.Security.Cryptography;
using System.Text.Json;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// A key file: JSON of the section's shape (<c>CurrentKeyId</c>, <c>Keys</c>), readable by its owner only. Like SSH
/// with a private key, a file that its group or others may read is refused, whatever it holds.
/// </summary>
internal static class KeyFile
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, WriteIndented = true };

    public sealed record Content(string CurrentKeyId, List<DataKeyOptions> Keys);

    /// <summary>The key file the embedded default keeps beside its database: <c>data/wealthactors.db</c> → <c>data/wealthactors.keys.json</c>.</summary>
    public static string BesideDatabase(string databaseFile) =>
        Path.Combine(Path.GetDirectoryName(databaseFile)!, Path.GetFileNameWithoutExtension(databaseFile) + ".keys.json");

    public static Content Load(string path)
    {
        CheckOwnerOnly(path);
        Content? content;
        try
        {
            content = JsonSerializer.Deserialize<Content>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException ex)
        {
            // The parser's message may quote the file's text, which holds keys: say only where it failed.
            throw new InvalidOperationException($"The key file '{path}' is not valid JSON (line {ex.LineNumber + 1}).");
        }

        var keys = content?.Keys ?? [];
        var problems = DataProtectionOptionsValidator.Problems(keys, "Keys").ToList();
        if (keys.Count == 0)
        {
            problems.Add("it holds no Keys");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The key file '{path}': {string.Join(" ", problems)}");
        }

        return new Content(content!.CurrentKeyId ?? "", keys);
    }

    /// <summary>
    /// Creates a key file with one new AES-256-GCM key, readable and writable by its owner only, and returns it. The
    /// file is written aside and moved into place, so a reader never sees half a file, and an existing file is never
    /// replaced: if another process made one first, that one is read.
    /// </summary>
    public static Content Create(string path, DateTimeOffset now)
    {
        var key = RandomNumberGenerator.GetBytes(SealingAlgorithms.KeySize(SealingAlgorithm.Aes256Gcm));
        var id = $"local-{now:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var content = new Content(id, [new DataKeyOptions { Id = id, Key = Convert.ToBase64String(key), Algorithm = SealingAlgorithms.Aes256GcmName }]);
        CryptographicOperations.ZeroMemory(key);

        var aside = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(aside, options))
            {
                JsonSerializer.Serialize(stream, content, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(aside, path, overwrite: false);
            return content;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Load(path);
        }
        finally
        {
            File.Delete(aside);
        }
    }

    /// <summary>Refuses a key file that anyone but its owner may read, write or run.</summary>
    public static void CheckOwnerOnly(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The key file '{path}' (Security:DataProtection:KeyFile) does not exist.");
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((mode & others) != 0)
        {
            throw new InvalidOperationException(
                $"The key file '{path}' is open to its group or others (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); " +
                $"it holds the keys to the personal data, so it must be readable by its owner only: chmod 600 '{path}'.");
        }
    }
}
