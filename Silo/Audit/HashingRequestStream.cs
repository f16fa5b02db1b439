using System.Buffers;
using System.Security.Cryptography;
using WealthActors.Silo.Streams;

namespace WealthActors.Silo.Audit;

/// <summary>
/// The request body as the endpoint reads it, hashed on the way through, so the audit entry's digest is of exactly the
/// bytes received without holding them. What the endpoint leaves unread is read (and hashed) before the entry is made.
/// </summary>
internal sealed class HashingRequestStream(Stream inner) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    private volatile bool _ended;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Hash(buffer.AsSpan(offset, read), count);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Hash(buffer.Span[..read], buffer.Length);
        return read;
    }

    /// <summary>
    /// The digest of the whole body when the endpoint has read all of it (or it had none), without reading further;
    /// null while some of it may be unread.
    /// </summary>
    public string? DigestWhenRead(long? contentLength)
    {
        if (!_ended && contentLength != 0)
        {
            return null;
        }

        return Convert.ToHexStringLower(_hash.GetCurrentHash());
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>
    /// Reads what is left of the body, then gives the digest of all of it (or of what arrived, when the client went away
    /// or sent more than the server accepts).
    /// </summary>
    public async Task<string> DigestAsync(bool drain, CancellationToken cancellationToken)
    {
        if (drain)
        {
            // Pooled: almost every endpoint has read its whole body already, so this read finds nothing, and a fresh
            // buffer for it on every audited request was garbage the collector had to clear.
            var buffer = ArrayPool<byte>.Shared.Rent(8192);
            try
            {
                while (await ReadAsync(buffer, cancellationToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
            {
                // The rest never arrived, or was refused: the digest covers what did.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    private void Hash(ReadOnlySpan<byte> read, int asked)
    {
        _hash.AppendData(read);
        // A read that asked for bytes and got none is the end of the body.
        _ended |= read.Length == 0 && asked > 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
