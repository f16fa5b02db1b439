using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Suitability;

/// <summary>
/// The evidence folder: each file is written to <c>staging/</c> while it is received (hashed and counted on the way),
/// then moved to <c>{yyyy}/{MM}/{evidenceId}</c> and made read-only once accepted. Nothing here deletes an accepted file.
/// </summary>
public sealed class EvidenceStore
{
    public EvidenceStore(IOptions<EvidenceOptions> options, IHostEnvironment environment, IServiceProvider services)
    {
        Options = options.Value;
        var beside = services.GetService<SqliteDatabase>()?.FilePath is { } database
            ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(database, environment.ContentRootPath))!, "evidence")
            : null;
        Folder = System.IO.Path.GetFullPath(Options.Folder ?? beside ?? "data/evidence", environment.ContentRootPath);
    }

    public EvidenceOptions Options { get; }

    public string Folder { get; }

    /// <summary>A file being received: written to staging, hashed and counted as it comes.</summary>
    public sealed class Incoming : IAsyncDisposable
    {
        private readonly FileStream _file;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _head = new byte[EvidenceContent.SniffBytes];

        internal Incoming(string path)
        {
            StagingPath = path;
            _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        }

        public string StagingPath { get; }

        public long Length { get; private set; }

        public int HeadLength { get; private set; }

        public ReadOnlySpan<byte> Head => _head.AsSpan(0, HeadLength);

        public string? Sha256 { get; private set; }

        /// <summary>Copies <paramref name="source"/> in; false (and stops) once more than <paramref name="maxBytes"/> came.</summary>
        public async Task<bool> CopyFrom(Stream source, long maxBytes, CancellationToken cancellationToken)
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (HeadLength < _head.Length)
                {
                    var take = Math.Min(read, _head.Length - HeadLength);
                    buffer.AsSpan(0, take).CopyTo(_head.AsSpan(HeadLength));
                    HeadLength += take;
                }

                Length += read;
                if (Length > maxBytes)
                {
                    return false;
                }

                _hash.AppendData(buffer, 0, read);
                await _file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await _file.FlushAsync(cancellationToken);
            Sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            await _file.DisposeAsync();
            _hash.Dispose();
        }
    }

    public Incoming Receive(string evidenceId)
    {
        var staging = System.IO.Path.Combine(Folder, "staging");
        Directory.CreateDirectory(staging);
        return new Incoming(System.IO.Path.Combine(staging, evidenceId + ".part"));
    }

    /// <summary>Moves an accepted file into place, read-only; returns its path relative to the folder.</summary>
    public string Accept(Incoming incoming, string evidenceId, DateTimeOffset now)
    {
        var relative = System.IO.Path.Combine(now.UtcDateTime.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), now.UtcDateTime.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), evidenceId);
        var target = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Move(incoming.StagingPath, target);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        }

        return relative;
    }

    public static void Discard(string stagingPath)
    {
        try
        {
            File.Delete(stagingPath);
        }
        catch (IOException)
        {
            // A partial upload left behind is never indexed, so it is never served or verified.
        }
    }

    public string PathOf(string relative) => System.IO.Path.Combine(Folder, relative);

    /// <summary>The SHA-256 of a stored file as it is now, or null when the file is missing.</summary>
    public async Task<string?> HashOf(string relative, CancellationToken cancellationToken)
    {
        var path = PathOf(relative);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
