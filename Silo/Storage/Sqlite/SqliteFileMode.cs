namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// The embedded database holds every client's personal data: only the account the Silo runs as may read it. Its
/// folder is created 0700 and the file 0600 before SQLite first opens it; SQLite gives the <c>-wal</c>, <c>-shm</c>
/// and <c>-journal</c> files it creates later the database file's mode, so they are 0600 too.
/// </summary>
internal static partial class SqliteFileMode
{
    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal"];

    public static void Prepare(string filePath, ILogger logger)
    {
        var folder = Path.GetDirectoryName(filePath)!;
        if (OperatingSystem.IsWindows())
        {
            // NTFS permissions are inherited from the folder; Unix modes do not apply.
            Directory.CreateDirectory(folder);
            return;
        }

        // A folder that exists already is left as it is: it may be shared (a relative path's content root, /var/lib).
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, Folder);
        }

        try
        {
            // An empty file is an empty SQLite database; creating it here is what decides its mode.
            using var created = new FileStream(filePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = File });
        }
        catch (IOException) when (System.IO.File.Exists(filePath))
        {
            // It existed: tightened below.
        }

        // A file left by an earlier version (or copied in) may be readable by others; the Silo's own files are tightened.
        foreach (var path in Companions.Select(suffix => filePath + suffix).Where(System.IO.File.Exists))
        {
            try
            {
                if ((System.IO.File.GetUnixFileMode(path) & ~File) != 0)
                {
                    System.IO.File.SetUnixFileMode(path, File);
                }
            }
            catch (UnauthorizedAccessException)
            {
                LogCannotTighten(logger, path);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SQLite file {Path} belongs to another account; its permissions were left as they are")]
    private static partial void LogCannotTighten(ILogger logger, string path);
}
