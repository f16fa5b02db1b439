using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Suitability;

/// <summary>
/// <c>dotnet run --project Silo -- evidence verify</c>: hashes every stored file again and compares it with the SHA-256
/// recorded when it was received. Exits 0 (all match), 1 naming each file that is missing or whose bytes changed.
/// </summary>
public static class EvidenceCommand
{
    public const string Verb = "evidence";

    public static async Task<int> Run(WebApplication app, IReadOnlyList<string> arguments)
    {
        if (arguments is not ["verify"])
        {
            await Console.Error.WriteLineAsync("usage: evidence verify");
            return 2;
        }

        if (app.Services.GetService<SqliteDatabase>() is { } sqlite)
        {
            await sqlite.EnsureSchemaAsync();
        }

        var store = app.Services.GetRequiredService<EvidenceStore>();
        var (checkedCount, bad) = (0, 0);
        await foreach (var record in app.Services.GetRequiredService<IEvidenceIndex>().All())
        {
            checkedCount++;
            var actual = await store.HashOf(record.StoredPath, CancellationToken.None);
            if (actual is null)
            {
                bad++;
                await Console.Out.WriteLineAsync($"evidence: {record.EvidenceId} ({record.ClientId}, {record.Kind}): MISSING {store.PathOf(record.StoredPath)}");
            }
            else if (!string.Equals(actual, record.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                bad++;
                await Console.Out.WriteLineAsync($"evidence: {record.EvidenceId} ({record.ClientId}, {record.Kind}): ALTERED: recorded sha256 {record.Sha256}, now {actual}");
            }
        }

        await Console.Out.WriteLineAsync(bad == 0
            ? $"evidence: {checkedCount} files verified in {store.Folder}"
            : $"evidence: FAILED: {bad} of {checkedCount} files do not match their recorded hash");
        return bad == 0 ? 0 : 1;
    }
}
