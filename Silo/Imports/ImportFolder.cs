using Microsoft.Extensions.Options;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Imports;

/// <summary>
/// The folder of uploaded workbooks. An upload is written as <c>{id}.upload</c> while it is received and checked, and
/// becomes <c>{id}.xlsx</c> once its import is recorded; it is deleted when the import ends. So at any start the
/// <c>.xlsx</c> files are exactly the imports to resume, and an <c>.upload</c> is a refused or interrupted upload.
/// </summary>
internal sealed class ImportFolder
{
    public ImportFolder(IOptions<ImportOptions> options, IHostEnvironment environment, IServiceProvider services)
    {
        // Unconfigured, beside the embedded database (kept and backed up with it); on PostgreSQL, under the content root.
        var beside = services.GetService<SqliteDatabase>()?.FilePath is { } database
            ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(database, environment.ContentRootPath))!, "imports")
            : null;
        Path = System.IO.Path.GetFullPath(options.Value.Folder ?? beside ?? DefaultFolder, environment.ContentRootPath);
    }

    public const string DefaultFolder = "data/imports";

    public string Path { get; }

    public string Staged(string importId)
    {
        Directory.CreateDirectory(Path);
        return System.IO.Path.Combine(Path, importId + ".upload");
    }

    public string Accepted(string importId) => System.IO.Path.Combine(Path, importId + ".xlsx");

    public void Accept(string importId) => File.Move(Staged(importId), Accepted(importId), overwrite: true);

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next start's clean-up.
        }
    }

    /// <summary>Imports left unfinished by a stop, oldest first; uploads interrupted an hour or more ago are removed.</summary>
    public IReadOnlyList<string> Unfinished()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        // An upload being received right now (another silo sharing the folder, or a request just after start) is younger.
        foreach (var staged in Directory.EnumerateFiles(Path, "*.upload").Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddHours(-1)))
        {
            Delete(staged);
        }

        return [.. Directory.EnumerateFiles(Path, "*.xlsx")
            .OrderBy(File.GetLastWriteTimeUtc)
            .Select(f => System.IO.Path.GetFileNameWithoutExtension(f))];
    }
}
