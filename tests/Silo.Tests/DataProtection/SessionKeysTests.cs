using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.DataProtection;

/// <summary>
/// The keys that protect the Silo's cookies (sign-in sessions) are kept in its database, sealed with the personal-data
/// key ring: a session outlives a restart, and the stored keys are no use without the ring.
/// </summary>
public sealed class SessionKeysTests : IDisposable
{
    private const string Purpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";

    private readonly string _folder = Directory.CreateTempSubdirectory("wealthactors-session-keys-").FullName;

    private string DatabasePath => Path.Combine(_folder, "wealthactors.db");

    [Fact]
    public async Task CookieProtectedBeforeARestart_OpensAfterIt()
    {
        string cookie;
        await using (var before = Silo())
        {
            cookie = Protector(before).Protect("employee E100");
        }

        await using var after = Silo();

        Assert.Equal("employee E100", Protector(after).Unprotect(cookie));
    }

    [Fact]
    public async Task StoredKeys_AreSealed_NoKeyMaterialInTheClear()
    {
        await using var silo = Silo();
        Protector(silo).Protect("employee E100");

        var rows = StoredKeys();

        var row = Assert.Single(rows);
        Assert.Contains("<sealedKey", row, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", row, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", row, StringComparison.Ordinal);
    }

    private ApiFactory Silo()
    {
        var silo = ApiFactory.With(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = DatabasePath });
        silo.As("System");
        return silo;
    }

    private static IDataProtector Protector(ApiFactory silo) =>
        silo.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private List<string> StoredKeys()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM wa_session_keys";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
