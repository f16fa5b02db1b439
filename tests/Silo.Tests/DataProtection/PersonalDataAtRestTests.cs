using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Clients;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Tests.Infrastructure;
using WealthActors.Silo.Tests.Storage;

namespace WealthActors.Silo.Tests.DataProtection;

/// <summary>
/// Personal data at rest through the real Silo on SQLite: what reaches the file is sealed, a ring rotates, and a missing
/// key, a changed payload or an unprotected key file stop the read or the start with their reason.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PersonalDataAtRestTests : IDisposable
{
    private const string Phone = "13912345678";
    private const string IdNumber = "310101197105201234";

    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Repeat((byte)0xA1, 32).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Repeat((byte)0xB2, 16).ToArray());

    private readonly TempFolder _folder = new();

    private string DatabasePath => Path.Combine(_folder.Path, "wealthactors.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PutClient_ThroughTheSilo_LeavesNoPhoneIdNumberOrBirthdayInClearInTheFile()
    {
        var name = $"周杰 Zhou Jie {Guid.NewGuid():N}";
        await using (var api = Silo([]))
        {
            await PutClient(api, "C-AT-REST", name);
            var client = await (await api.As("System").GetAsync("/api/clients/C-AT-REST")).Json(HttpStatusCode.OK);
            Assert.Equal(Phone, client["profile"]!.Str("phone"));
        }

        var bytes = await SealedDatabase.RawBytes(DatabasePath);

        Assert.False(SealedDatabase.Contains(bytes, Phone), "the phone number is in clear in the database file");
        Assert.False(SealedDatabase.Contains(bytes, IdNumber), "the ID number is in clear in the database file");
        Assert.False(SealedDatabase.Contains(bytes, "1971-05-20"), "the birthday is in clear in the database file");
        // The search key stays in clear by design: finding it shows the scan reads what the file holds.
        Assert.True(SealedDatabase.Contains(bytes, name));
    }

    [Fact]
    public async Task Restart_KeyBCurrentAndARetained_ReadsWhatAWroteAndWritesUnderB()
    {
        await using (var api = Silo(Ring("a", ("a", KeyA, "AES-256-GCM"))))
        {
            await PutClient(api, "C-ROT-1", "Before rotation");
        }

        Assert.Equal("a", SealedPayloadFormat.ReadHeader(await SealedDatabase.ClientPayload(DatabasePath, "C-ROT-1")).KeyId);
        Assert.Equal("a", await SealedDatabase.BirthdayKey(DatabasePath, "C-ROT-1"));

        await using (var api = Silo(Ring("b", ("a", KeyA, "AES-256-GCM"), ("b", KeyB, "SM4-GCM"))))
        {
            var before = await (await api.As("System").GetAsync("/api/clients/C-ROT-1")).Json(HttpStatusCode.OK);
            Assert.Equal(Phone, before["profile"]!.Str("phone"));
            Assert.Equal(IdNumber, before["profile"]!.Str("idNumber"));
            Assert.Equal("1971-05-20", before["profile"]!.Str("birthday"));
            var found = await (await api.As("System").GetAsync("/api/clients?q=C-ROT-1")).Json(HttpStatusCode.OK);
            Assert.Equal("C-ROT-1", found.AsArray()[0]!.Str("clientId"));

            await PutClient(api, "C-ROT-2", "After rotation");
        }

        var after = SealedPayloadFormat.ReadHeader(await SealedDatabase.ClientPayload(DatabasePath, "C-ROT-2"));
        Assert.Equal("b", after.KeyId);
        Assert.Equal(SealingAlgorithm.Sm4Gcm, after.Algorithm);
        Assert.Equal("b", await SealedDatabase.BirthdayKey(DatabasePath, "C-ROT-2"));
        Assert.Equal("a", SealedPayloadFormat.ReadHeader(await SealedDatabase.ClientPayload(DatabasePath, "C-ROT-1")).KeyId);
    }

    [Fact]
    public async Task Restart_KeyThatSealedTheDataLeftOutOfTheRing_FailsNamingTheKey()
    {
        await using (var api = Silo(Ring("a", ("a", KeyA, "AES-256-GCM"))))
        {
            await PutClient(api, "C-LOST", "Lost key");
        }

        await using (var api = Silo(Ring("b", ("b", KeyB, "SM4-GCM"))))
        {
            var grains = api.Services.GetRequiredService<IGrainFactory>();

            var error = await Assert.ThrowsAnyAsync<Exception>(() => grains.GetGrain<IClientGrain>("C-LOST").GetView());

            Assert.Contains("names key 'a', which is not in the key ring", error.ToString(), StringComparison.Ordinal);
            var search = await api.As("System").GetAsync("/api/clients?q=C-LOST");
            Assert.Equal(HttpStatusCode.InternalServerError, search.StatusCode);
            Assert.DoesNotContain(Phone, await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Restart_PayloadChangedInTheFile_FailsAuthentication()
    {
        var ring = Ring("a", ("a", KeyA, "AES-256-GCM"));
        await using (var api = Silo(ring))
        {
            await PutClient(api, "C-TAMPER", "Tampered");
        }

        var payload = await SealedDatabase.ClientPayload(DatabasePath, "C-TAMPER");
        payload[^20] ^= 0x01;
        await SealedDatabase.SetClientPayload(DatabasePath, "C-TAMPER", payload);

        await using (var api = Silo(ring))
        {
            var grains = api.Services.GetRequiredService<IGrainFactory>();

            var error = await Assert.ThrowsAnyAsync<Exception>(() => grains.GetGrain<IClientGrain>("C-TAMPER").GetView());

            Assert.Contains("failed authentication under key 'a'", error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Restart_PayloadFromBeforeSealing_StillReadsAndItsNextWriteSealsIt()
    {
        var ring = Ring("a", ("a", KeyA, "AES-256-GCM"));
        byte[] plain;
        await using (var api = Silo(ring))
        {
            await PutClient(api, "C-PLAIN", "Plain");
            plain = api.Services.GetRequiredService<PayloadSealer>().Open(await SealedDatabase.ClientPayload(DatabasePath, "C-PLAIN"));
        }

        // What a release before sealing stored: the same state, unsealed.
        await SealedDatabase.SetClientPayload(DatabasePath, "C-PLAIN", plain);

        Assert.False(SealedPayloadFormat.IsSealed(await SealedDatabase.ClientPayload(DatabasePath, "C-PLAIN")));
        Assert.True(SealedDatabase.Contains(await SealedDatabase.ClientPayload(DatabasePath, "C-PLAIN"), Phone));

        await using (var api = Silo(ring))
        {
            var client = await (await api.As("System").GetAsync("/api/clients/C-PLAIN")).Json(HttpStatusCode.OK);
            Assert.Equal(Phone, client["profile"]!.Str("phone"));

            await PutClient(api, "C-PLAIN", "Plain, written again");
        }

        var rewritten = await SealedDatabase.ClientPayload(DatabasePath, "C-PLAIN");
        Assert.True(SealedPayloadFormat.IsSealed(rewritten));
        Assert.False(SealedDatabase.Contains(rewritten, Phone));
    }

    [Fact]
    public async Task Reseal_AfterRotation_LeavesNothingThatNeedsTheOldKey()
    {
        await using (var api = Silo(Ring("a", ("a", KeyA, "AES-256-GCM"))))
        {
            await PutClient(api, "C-RESEAL-1", "Sealed under a");
            await (await api.As("System").PostJson("/api/clients/C-RESEAL-1/interactions", new
            {
                kind = "Call", employeeId = "E100", note = "风险测评 reviewed by phone",
            })).Json(HttpStatusCode.Created);
            await PutClient(api, "C-RESEAL-2", "From before sealing");
            var plain = api.Services.GetRequiredService<PayloadSealer>().Open(await SealedDatabase.ClientPayload(DatabasePath, "C-RESEAL-2"));
            await SealedDatabase.SetClientPayload(DatabasePath, "C-RESEAL-2", plain);
        }

        var output = await RunSiloCommand("reseal", Ring("b", ("a", KeyA, "AES-256-GCM"), ("b", KeyB, "SM4-GCM")));

        // Every state was under a (clients, their advisor, the branch): all of them are sealed again.
        Assert.Matches(@"Resealed (\d+) of \1 grain states \(1 from before sealing\) and 2 of 2 birthdays", output);
        Assert.Contains("with key 'b' (SM4-GCM)", output, StringComparison.Ordinal);
        Assert.Contains("Resealed 1 of 1 interaction notes", output, StringComparison.Ordinal);
        Assert.False(SealedDatabase.Contains(await SealedDatabase.RawBytes(DatabasePath), "reviewed by phone"));
        Assert.Equal("b", SealedPayloadFormat.ReadHeader(await SealedDatabase.ClientPayload(DatabasePath, "C-RESEAL-1")).KeyId);
        Assert.Equal("b", SealedPayloadFormat.ReadHeader(await SealedDatabase.ClientPayload(DatabasePath, "C-RESEAL-2")).KeyId);
        Assert.Equal("b", await SealedDatabase.BirthdayKey(DatabasePath, "C-RESEAL-1"));
        Assert.False(SealedDatabase.Contains(await SealedDatabase.RawBytes(DatabasePath), Phone));

        // Key a has left the ring: everything still reads.
        await using (var api = Silo(Ring("b", ("b", KeyB, "SM4-GCM"))))
        {
            foreach (var clientId in new[] { "C-RESEAL-1", "C-RESEAL-2" })
            {
                var client = await (await api.As("System").GetAsync($"/api/clients/{clientId}")).Json(HttpStatusCode.OK);
                Assert.Equal(IdNumber, client["profile"]!.Str("idNumber"));
            }

            var found = await (await api.As("System").GetAsync("/api/clients?q=C-RESEAL-1")).Json(HttpStatusCode.OK);
            Assert.Equal("1971-05-20", found.AsArray()[0]!.Str("birthday"));
            var history = await (await api.As("System").GetAsync("/api/clients/C-RESEAL-1/interactions")).Json(HttpStatusCode.OK);
            Assert.Equal("风险测评 reviewed by phone", history["interactions"]!.AsArray().Single()!.Str("note"));
        }
    }

    [Fact]
    public async Task Start_NoKeysConfigured_MakesAKeyFileBesideTheDatabaseReadableByItsOwnerOnly()
    {
        var keyFile = Path.Combine(_folder.Path, "wealthactors.keys.json");
        await using (var api = Silo([]))
        {
            await PutClient(api, "C-DEFAULT", "Default key");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var keyId = SealedPayloadFormat.ReadHeader(await SealedDatabase.ClientPayload(DatabasePath, "C-DEFAULT")).KeyId;
        Assert.Contains($"\"{keyId}\"", await File.ReadAllTextAsync(keyFile), StringComparison.Ordinal);

        // Started again, the Silo reads its key file and what it sealed.
        await using (var api = Silo([]))
        {
            var client = await (await api.As("System").GetAsync("/api/clients/C-DEFAULT")).Json(HttpStatusCode.OK);
            Assert.Equal(Phone, client["profile"]!.Str("phone"));
        }

        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using (var api = Silo([]))
        {
            var error = Assert.ThrowsAny<Exception>(() => api.As("System"));

            Assert.Contains($"The key file '{keyFile}' is open to its group or others (mode 0644)", error.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>Runs the built Silo with a command (such as <c>reseal</c>) on this test's database, as an operator would.</summary>
    private async Task<string> RunSiloCommand(string verb, Dictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepositoryPaths.SiloAssembly, verb },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Storage__Sqlite__Path"] = DatabasePath;
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"'{verb}' exited with {process.ExitCode}: {await output}{await errors}");
        return await output;
    }

    private ApiFactory Silo(Dictionary<string, string?> settings)
    {
        settings["Storage:Sqlite:Path"] = DatabasePath;
        return ApiFactory.With(settings);
    }

    private static Dictionary<string, string?> Ring(string current, params (string Id, string Key, string Algorithm)[] keys) =>
        Testing.TestKeyRing.Settings(current, keys);

    private static async Task PutClient(ApiFactory api, string clientId, string name)
    {
        var admin = api.As("Admin");
        await (await admin.PutJson("/api/branches/SH01", new { name = "Lujiazui", headEmployeeId = "E300" })).Json(HttpStatusCode.OK);
        await (await admin.PutJson("/api/employees/E100", new { name = "Chen", role = "Advisor", branchId = "SH01" })).Json(HttpStatusCode.OK);
        await (await api.As("System").PutJson($"/api/clients/{clientId}", new
        {
            name, birthday = "1971-05-20", phone = Phone, idNumber = IdNumber, branchId = "SH01", advisorId = "E100", vip = true,
        })).Json(HttpStatusCode.OK);
    }
}
