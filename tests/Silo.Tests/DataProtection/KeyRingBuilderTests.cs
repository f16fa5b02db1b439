using System.Runtime.Versioning;
using System.Text.Json;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Tests.Storage;

namespace WealthActors.Silo.Tests.DataProtection;

/// <summary>Where the ring comes from: configuration, the key file, or the key file the embedded default makes.</summary>
/// <remarks>Key files are checked by their Unix permission bits; the service runs on Linux.</remarks>
[UnsupportedOSPlatform("windows")]
public sealed class KeyRingBuilderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly string AesKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly string Sm4Key = Convert.ToBase64String(Enumerable.Repeat((byte)9, 16).ToArray());

    private readonly TempFolder _folder = new();

    private string Database => Path.Combine(_folder.Path, "data", "wealthactors.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Build_ConfiguredKeys_SealsWithTheCurrentAndHoldsEveryKey()
    {
        var options = Options("b", ("a", AesKey, "AES-256-GCM"), ("b", Sm4Key, "sm4-gcm"));

        var built = KeyRingBuilder.Build(options, StorageProvider.PostgreSql, _folder.Path, null, Now);

        Assert.Equal("b", built.Ring.Current.Id);
        Assert.Equal(SealingAlgorithm.Sm4Gcm, built.Ring.Current.Algorithm);
        Assert.True(built.Ring.TryGet("a", out var a));
        Assert.Equal(SealingAlgorithm.Aes256Gcm, a.Algorithm);
        Assert.False(built.KeyFileCreated);
    }

    [Fact]
    public void Build_SqliteWithNoKeys_MakesAKeyFileBesideTheDatabaseReadableByItsOwnerOnly()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Database)!);

        var first = KeyRingBuilder.Build(new DataProtectionOptions(), StorageProvider.Sqlite, _folder.Path, Database, Now);
        var second = KeyRingBuilder.Build(new DataProtectionOptions(), StorageProvider.Sqlite, _folder.Path, Database, Now);

        var file = Path.Combine(_folder.Path, "data", "wealthactors.keys.json");
        Assert.True(first.KeyFileCreated);
        Assert.False(second.KeyFileCreated);
        Assert.Equal(file, first.KeyFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.StartsWith("local-20261201-", first.Ring.Current.Id, StringComparison.Ordinal);
        Assert.Equal(first.Ring.Current.Id, second.Ring.Current.Id);
        Assert.Equal(SealingAlgorithm.Aes256Gcm, first.Ring.Current.Algorithm);
        // What one build sealed, the next one (the restarted silo) opens.
        Assert.Equal("x"u8.ToArray(), new PayloadSealer(second.Ring).Open(new PayloadSealer(first.Ring).Seal("x"u8)));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public void Build_PostgreSqlWithNoKeys_RefusesNamingTheKeysToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            KeyRingBuilder.Build(new DataProtectionOptions(), StorageProvider.PostgreSql, _folder.Path, null, Now));

        Assert.Contains("Security:DataProtection:Keys", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:DataProtection:CurrentKeyId", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:DataProtection:KeyFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_KeyFileAndConfiguredKeys_MakesOneRingOfBoth()
    {
        var file = WriteKeyFile("ring.json", "from-file", ("from-file", AesKey, "AES-256-GCM"));
        var options = Options("configured", ("configured", Sm4Key, "SM4-GCM"));
        options.KeyFile = "ring.json";

        var built = KeyRingBuilder.Build(options, StorageProvider.PostgreSql, _folder.Path, null, Now);

        Assert.Equal(file, built.KeyFile);
        Assert.Equal("configured", built.Ring.Current.Id);
        Assert.True(built.Ring.TryGet("from-file", out _));
    }

    [Fact]
    public void Build_KeyFileAloneNamesTheCurrentKey()
    {
        WriteKeyFile("ring.json", "k2", ("k1", AesKey, "AES-256-GCM"), ("k2", Sm4Key, "SM4-GCM"));

        var built = KeyRingBuilder.Build(new DataProtectionOptions { KeyFile = "ring.json" }, StorageProvider.PostgreSql, _folder.Path, null, Now);

        Assert.Equal("k2", built.Ring.Current.Id);
        Assert.Equal(2, built.Ring.Keys.Count);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead, "0604")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupWrite, "0420")]
    public void Build_KeyFileOpenToGroupOrOthers_IsRefused(UnixFileMode mode, string shown)
    {
        var file = WriteKeyFile("ring.json", "k1", ("k1", AesKey, "AES-256-GCM"));
        File.SetUnixFileMode(file, mode);

        var error = Assert.Throws<InvalidOperationException>(() =>
            KeyRingBuilder.Build(new DataProtectionOptions { KeyFile = file }, StorageProvider.PostgreSql, _folder.Path, null, Now));

        Assert.Contains($"mode {shown}", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DefaultKeyFileOpenToOthers_IsRefusedToo()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Database)!);
        var created = KeyRingBuilder.Build(new DataProtectionOptions(), StorageProvider.Sqlite, _folder.Path, Database, Now);
        File.SetUnixFileMode(created.KeyFile!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.Throws<InvalidOperationException>(() =>
            KeyRingBuilder.Build(new DataProtectionOptions(), StorageProvider.Sqlite, _folder.Path, Database, Now));
    }

    [Fact]
    public void Build_ConfiguredKeyFileMissing_IsRefusedNotMade()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            KeyRingBuilder.Build(new DataProtectionOptions { KeyFile = "missing.json" }, StorageProvider.Sqlite, _folder.Path, Database, Now));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "missing.json")));
    }

    [Fact]
    public void Build_SameIdInConfigurationAndKeyFile_IsRefused()
    {
        WriteKeyFile("ring.json", "k1", ("k1", AesKey, "AES-256-GCM"));
        var options = Options("k1", ("k1", AesKey, "AES-256-GCM"));
        options.KeyFile = "ring.json";

        var error = Assert.Throws<InvalidOperationException>(() => KeyRingBuilder.Build(options, StorageProvider.PostgreSql, _folder.Path, null, Now));

        Assert.Contains("'k1' is defined twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CurrentKeyInNeitherPlace_IsRefused()
    {
        WriteKeyFile("ring.json", "", ("k1", AesKey, "AES-256-GCM"));

        var error = Assert.Throws<InvalidOperationException>(() =>
            KeyRingBuilder.Build(new DataProtectionOptions { KeyFile = "ring.json", CurrentKeyId = "k9" }, StorageProvider.PostgreSql, _folder.Path, null, Now));

        Assert.Contains("'k9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_KeyFileWithAShortKey_IsRefusedWithoutShowingIt()
    {
        var shortKey = Convert.ToBase64String(Enumerable.Repeat((byte)3, 24).ToArray());
        WriteKeyFile("ring.json", "k1", ("k1", shortKey, "AES-256-GCM"));

        var error = Assert.Throws<InvalidOperationException>(() =>
            KeyRingBuilder.Build(new DataProtectionOptions { KeyFile = "ring.json" }, StorageProvider.PostgreSql, _folder.Path, null, Now));

        Assert.Contains("Keys:0:Key must be base64 of 32 bytes", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_KeyFileNotJson_IsRefusedWithoutQuotingIt()
    {
        var file = Path.Combine(_folder.Path, "ring.json");
        File.WriteAllText(file, $"{{ \"Keys\": [ {{ \"Id\": \"k1\", \"Key\": \"{AesKey}\" ");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = Assert.Throws<InvalidOperationException>(() =>
            KeyRingBuilder.Build(new DataProtectionOptions { KeyFile = file }, StorageProvider.PostgreSql, _folder.Path, null, Now));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AesKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedKeys_NamesEachSettingAndNeverTheKey()
    {
        var badBase64 = "not base64 at all!";
        var sixteenBytes = Convert.ToBase64String(new byte[16]);
        var options = Options("a", ("a", badBase64, "AES-256-GCM"), ("b c", sixteenBytes, "SM4-GCM"), ("d", sixteenBytes, "AES-256-GCM"), ("e", AesKey, "DES"));

        var result = new DataProtectionOptionsValidator(StorageProvider.Sqlite).Validate(null, options);

        Assert.True(result.Failed);
        var message = string.Join(" ", result.Failures!);
        Assert.Contains("Security:DataProtection:Keys:0:Key must be base64 of 32 bytes for AES-256-GCM", message, StringComparison.Ordinal);
        Assert.Contains("Security:DataProtection:Keys:1:Id must be", message, StringComparison.Ordinal);
        Assert.Contains("Security:DataProtection:Keys:2:Key must be base64 of 32 bytes", message, StringComparison.Ordinal);
        Assert.Contains("Security:DataProtection:Keys:3:Algorithm must be one of AES-256-GCM, SM4-GCM", message, StringComparison.Ordinal);
        Assert.DoesNotContain(badBase64, message, StringComparison.Ordinal);
        Assert.DoesNotContain(sixteenBytes, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeysWithoutCurrentOrPostgreSqlWithoutRing_Fails()
    {
        var noCurrent = Options("", ("a", AesKey, "AES-256-GCM"));
        var unknownCurrent = Options("z", ("a", AesKey, "AES-256-GCM"));

        Assert.Contains("CurrentKeyId", new DataProtectionOptionsValidator(StorageProvider.Sqlite).Validate(null, noCurrent).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'z'", new DataProtectionOptionsValidator(StorageProvider.Sqlite).Validate(null, unknownCurrent).FailureMessage, StringComparison.Ordinal);
        Assert.True(new DataProtectionOptionsValidator(StorageProvider.Sqlite).Validate(null, new DataProtectionOptions()).Succeeded);
        Assert.Contains("Security:DataProtection:Keys",
            new DataProtectionOptionsValidator(StorageProvider.PostgreSql).Validate(null, new DataProtectionOptions()).FailureMessage, StringComparison.Ordinal);
    }

    private static DataProtectionOptions Options(string current, params (string Id, string Key, string Algorithm)[] keys) => new()
    {
        CurrentKeyId = current,
        Keys = [.. keys.Select(k => new DataKeyOptions { Id = k.Id, Key = k.Key, Algorithm = k.Algorithm })],
    };

    private string WriteKeyFile(string name, string current, params (string Id, string Key, string Algorithm)[] keys)
    {
        var file = Path.Combine(_folder.Path, name);
        File.WriteAllText(file, JsonSerializer.Serialize(new { CurrentKeyId = current, Keys = keys.Select(k => new { k.Id, k.Key, k.Algorithm }) }));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return file;
    }
}
