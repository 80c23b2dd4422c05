namespace Gilgamesh.Tests.Kernel.Storage;

/// <summary>
/// Non-seekable source that serves <c>data</c> and, once <c>interruptAt</c> bytes have gone out, runs
/// <c>onInterrupt</c> before serving more: used to cancel mid-put or to hold a put half-way.
/// </summary>
internal sealed class InterruptingReadStream(byte[] data, long interruptAt, Func<CancellationToken, Task> onInterrupt) : Stream
{
    private int _position;
    private bool _interrupted;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (!_interrupted && _position >= interruptAt)
        {
            _interrupted = true;
            await onInterrupt(ct);
        }
        ct.ThrowIfCancellationRequested();
        var limit = _interrupted ? data.Length : (int)Math.Min(data.Length, interruptAt);
        var count = Math.Min(buffer.Length, Math.Min(limit - _position, 64 * 1024));
        if (count <= 0 && limit < data.Length)
            return await ReadAsync(buffer, ct); // reached the interrupt point exactly: interrupt, then go on
        data.AsSpan(_position, Math.Max(count, 0)).CopyTo(buffer.Span);
        _position += Math.Max(count, 0);
        return Math.Max(count, 0);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
