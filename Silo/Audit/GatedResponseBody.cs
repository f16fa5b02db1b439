using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace WealthActors.Silo.Audit;

/// <summary>
/// The response body of an audited request: nothing reaches the client, not even the status line, until the gate (the
/// audit entry's commit) has passed. The status code is final when the first byte goes out, so the gate opens on the
/// first write, flush or start; what the endpoint writes through the pipe waits in it until then.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The gated stream only wraps the server's response stream, which the server owns and disposes.")]
internal sealed class GatedResponseBody(IHttpResponseBodyFeature inner, Func<Task> gate) : IHttpResponseBodyFeature
{
    private readonly GatedStream _stream = new(inner.Stream, gate);
    private PipeWriter? _writer;

    public Stream Stream => _stream;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));

    public void DisableBuffering() => inner.DisableBuffering();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await gate();
        await inner.StartAsync(cancellationToken);
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await FlushAsync();
        await inner.SendFileAsync(path, offset, count, cancellationToken);
    }

    public async Task CompleteAsync()
    {
        await FlushAsync();
        await inner.CompleteAsync();
    }

    /// <summary>Sends what the endpoint left in the pipe, after the gate; with nothing written, passes the gate alone.</summary>
    public async Task FlushAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync();
        }

        await gate();
    }

    private sealed class GatedStream(Stream inner, Func<Task> gate) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
            gate().GetAwaiter().GetResult();
            inner.Flush();
        }

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await gate();
            await inner.FlushAsync(cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            gate().GetAwaiter().GetResult();
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await gate();
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
