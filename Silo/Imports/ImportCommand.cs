using System.Security.Claims;
using WealthActors.Audit;
using WealthActors.Imports;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Exports;

namespace WealthActors.Silo.Imports;

/// <summary>
/// <c>dotnet run --project Silo -- import clients clients.xlsx</c>: the upload and the import of the API, run from a
/// terminal with a progress bar on stderr. The command starts the silo in-process (on the embedded SQLite file, with
/// the serving silo stopped, as <c>reseal</c>), acts as the operator at the terminal with an administrator's rights,
/// and records the import in the audit trail under the door <c>cli</c>. Rejected rows go to <c>FILE.errors.xlsx</c>
/// beside the input. Exit code: 0 all rows imported, 1 some rejected or the import failed, 2 the file was refused.
/// </summary>
public static class ImportCommand
{
    public const string Verb = "import";

    public const string Door = "cli";

    private const string Usage = "usage: import clients|holdings|employees|branches FILE.xlsx";

    private const int BarWidth = 30;

    /// <summary>Logs go to stderr beside the progress bar; the web server listens on a port of its own, on loopback only.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
    }

    public static async Task<int> Run(WebApplication app, IReadOnlyList<string> arguments)
    {
        if (arguments is not [var kindName, var path] || ImportKind.Find(kindName) is not { } kind)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"import: '{path}' does not exist.");
            return 2;
        }

        await app.StartAsync();
        try
        {
            return await Import(app.Services, kind, path);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<int> Import(IServiceProvider services, ImportKind kind, string path)
    {
        var operatorName = $"{Door}:{Environment.UserName}";
        var caller = Operator(operatorName);
        string? importId;
        int status;
        string? problem;
        await using (var file = File.OpenRead(path))
        {
            (importId, status, problem) = await services.GetRequiredService<ImportUploads>().Accept(file, Path.GetFileName(path), kind, caller, CancellationToken.None);
        }

        var audit = services.GetRequiredService<IAuditTrail>();
        if (importId is null)
        {
            await Console.Error.WriteLineAsync($"import: refused ({status}): {problem}");
            await audit.AppendAsync(Record(kind, AuditOutcomes.Refused, operatorName, null, null));
            return 2;
        }

        var grain = services.GetRequiredService<IGrainFactory>().GetGrain<IImportGrain>(importId);
        var accepted = services.GetRequiredService<ImportFolder>().Accepted(importId);
        var result = await services.GetRequiredService<ImportProcessor>().Run(importId, accepted, new Progress(), CancellationToken.None);
        ImportFolder.Delete(accepted);
        var ticket = await grain.GetTicket();
        var ok = result is { Status: ImportRunState.Completed };
        await audit.AppendAsync(Record(kind, ok ? AuditOutcomes.Ok : AuditOutcomes.Failed, operatorName, importId, ticket?.Digest));
        Console.Error.WriteLine();
        if (!ok)
        {
            await Console.Error.WriteLineAsync($"import: failed: {result?.Reason}");
            return 1;
        }

        Console.WriteLine($"import: {result!.Processed - result.Failed} of {result.Total} rows of {kind.Name} imported, {result.Failed} rejected (import {importId})");
        if (result.Failed == 0)
        {
            return 0;
        }

        var errorsPath = Path.ChangeExtension(path, ".errors.xlsx");
        await using (var errors = File.Create(errorsPath))
        {
            await XlsxDownload.WriteAsync(errors, ImportWorkbooks.Errors(kind, ticket!, await grain.GetErrors()));
        }

        Console.WriteLine($"import: rejected rows and why: {errorsPath}");
        return 1;
    }

    /// <summary>The operator at the terminal: whoever can run the silo's own binary against its database administers it.</summary>
    private static ClaimsPrincipal Operator(string name)
    {
        var identity = new ClaimsIdentity(Door, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaims([
            new Claim(WealthActorsClaims.KeyName, name), new Claim(ClaimTypes.Name, name), new Claim(WealthActorsClaims.Door, Door),
            new Claim(ClaimTypes.Role, ApiRoles.Admin), new Claim(ClaimTypes.Role, ApiRoles.System),
        ]);
        return new ClaimsPrincipal(identity);
    }

    private static AuditRecord Record(ImportKind kind, string outcome, string operatorName, string? importId, string? digest) => new(
        AuditChannels.CommandLine, $"import.{kind.Name}", outcome, KeyName: operatorName, Door: Door, TargetType: "import", TargetId: importId, Digest: digest);

    /// <summary>A bar redrawn in place on stderr: <c>[#######-------] 45% 4500/10000 rows, 3 rejected</c>.</summary>
    private sealed class Progress : IProgress<ImportStatus>
    {
        public void Report(ImportStatus value)
        {
            var fraction = value.Total == 0 ? 1.0 : Math.Min(1.0, (double)value.Processed / value.Total);
            var filled = (int)Math.Round(fraction * BarWidth);
            Console.Error.Write($"\r[{new string('#', filled)}{new string('-', BarWidth - filled)}] {fraction,4:P0} {value.Processed}/{value.Total} rows, {value.Failed} rejected");
        }
    }
}
