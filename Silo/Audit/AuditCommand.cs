using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Audit;

/// <summary>
/// <c>dotnet run --project Silo -- audit verify [digest-file]</c> walks every chain and exits 0 with the number of
/// entries verified, or 1 naming each bad chain's first bad entry and why; with a digest file it also checks each chain
/// the digest names still reaches the digest's head with the same hash. <c>audit digest</c> verifies likewise and prints
/// (stdout, JSON) the head of every chain, to be kept outside the database.
/// </summary>
public static class AuditCommand
{
    public const string Verb = "audit";

    private const string Usage = "usage: audit verify [digest-file] | audit digest";

    /// <summary>Logs go to stderr, so that stdout holds only the command's answer (a digest is read from it).</summary>
    public static void Configure(WebApplicationBuilder builder) =>
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

    public static async Task<int> Run(WebApplication app, IReadOnlyList<string> arguments)
    {
        if (arguments is not (["verify"] or ["verify", _] or ["digest"]))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        IReadOnlyList<Grains.Audit.AuditChainHead>? digest = null;
        if (arguments is ["verify", var file])
        {
            try
            {
                digest = AuditDigestDocument.ReadHeads(await File.ReadAllTextAsync(file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                await Console.Error.WriteLineAsync($"audit: cannot use '{file}' as a digest: {ex.Message}");
                return 2;
            }
        }

        if (app.Services.GetService<SqliteDatabase>() is { } sqlite)
        {
            // The embedded file gets its schema as a silo would at start; PostgreSQL is migrated by silos or `migrate`.
            await sqlite.EnsureSchemaAsync();
        }

        var report = await new AuditVerification(app.Services.GetRequiredService<IAuditStore>()).VerifyAsync(digest);
        if (!report.Ok)
        {
            // A failed digest must not leave anything on stdout that could be kept as a digest.
            var output = arguments is ["digest"] ? Console.Error : Console.Out;
            foreach (var finding in report.Chains.Select(c => c.Finding).OfType<Grains.Audit.AuditFinding>())
            {
                await output.WriteLineAsync($"audit: chain {finding.ChainId} sequence {finding.Sequence}: {finding.Fault}: {finding.Reason}");
            }

            await output.WriteLineAsync($"audit: FAILED: {report.Chains.Count(c => !c.Ok)} of {report.Chains.Count} chains do not verify");
            return 1;
        }

        if (arguments is ["digest"])
        {
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            Console.WriteLine(AuditDigestDocument.Of(now, report.Chains.Select(c => c.Head).OfType<Grains.Audit.AuditChainHead>()).ToJson());
            return 0;
        }

        Console.WriteLine($"audit: {report.Verified} entries verified");
        return 0;
    }
}
