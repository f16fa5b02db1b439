using WealthActors.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WealthActors.Silo.Tests.Processes;

/// <summary>
/// <c>backup</c> taken from the running Silo while commands pour in: the restored database holds every command that was
/// acknowledged before the backup began, and every deadline pending in it fires after the restore.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _live = Directory.CreateTempSubdirectory("wealthactors-live-").FullName;
    private readonly string _restored = Directory.CreateTempSubdirectory("wealthactors-restored-").FullName;

    [Fact]
    public async Task BackupMidLoad_Restored_KeepsEveryAcknowledgedCommandAndFiresItsDeadlines()
    {
        var backup = Path.Combine(_restored, "backup.db");
        IReadOnlyList<string> acknowledgedBefore;
        await using (var silo = await SiloProcess.Start(Environment(_live), FreePort.Next()))
        {
            try
            {
                using var http = silo.Client();
                acknowledgedBefore = await BackupRestoreScenario.BackupMidLoad(http, async () =>
                {
                    var taken = await SiloCommand.Run(Environment(_live), "backup", backup);
                    Assert.True(taken.ExitCode == 0, taken.Output + taken.Errors);
                    Assert.Contains("keep a copy of that file", taken.Output);
                });
                Assert.Equal(2, (await SiloCommand.Run(Environment(_live), "backup", backup)).ExitCode);
            }
            finally
            {
                output.WriteLine(silo.Output);
            }
        }

        File.Move(backup, Path.Combine(_restored, "wealthactors.db"));
        File.Copy(Path.Combine(_live, "wealthactors.keys.json"), Path.Combine(_restored, "wealthactors.keys.json"));
        await using var restored = await SiloProcess.Start(Environment(_restored), FreePort.Next());
        try
        {
            using var http = restored.Client();
            await BackupRestoreScenario.AssertRestored(http, acknowledgedBefore);
        }
        finally
        {
            output.WriteLine(restored.Output);
        }
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _live, _restored })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    private static Dictionary<string, string> Environment(string folder) => new()
    {
        ["Storage__Sqlite__Path"] = Path.Combine(folder, "wealthactors.db"),
        ["Orleans__SiloPort"] = FreePort.Next().ToString(),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
        ["Sla__ReminderRetryPeriod"] = "00:00:02",
    };
}
