namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// <see cref="IPcmRanges"/> over one pass of the PCM stream: blocks are read only as far as the range asked
/// for, samples before it are dropped, so the buffer holds one range (≤ 30 s ≈ 1.9 MB) plus one block
/// however long the file is. Ranges skipped (silent chunks) are read past, never stored.
/// </summary>
internal sealed class StreamingPcmRanges(IAsyncEnumerable<float[]> blocks, int expectedRangeSamples = WhisperLogMel.WindowSamples) : IPcmRanges, IAsyncDisposable
{
    private IAsyncEnumerator<float[]>? _blocks;
    private float[] _buffer = new float[expectedRangeSamples + Kernel.Media.PcmDecoder.ChunkSamples];
    private long _bufferStart; // sample index of _buffer[0]; the buffer always ends at _streamed
    private int _count;
    private long _streamed;
    private bool _ended;

    /// <summary>Largest buffer this reader held, in samples (what the flat-memory test bounds).</summary>
    public int BufferCapacity => _buffer.Length;

    public async ValueTask<ReadOnlyMemory<float>> ReadAsync(long first, long last, CancellationToken cancellationToken)
    {
        if (first < _bufferStart) throw new InvalidOperationException($"ranges must come in increasing order: {first} is before {_bufferStart}");
        Discard(first);
        _blocks ??= blocks.GetAsyncEnumerator(cancellationToken);
        while (_streamed < last && !_ended)
        {
            if (await _blocks.MoveNextAsync().ConfigureAwait(false)) Append(_blocks.Current, first);
            else _ended = true;
        }
        var available = (int)Math.Clamp(Math.Min(last, _streamed) - first, 0, _count);
        return _buffer.AsMemory(0, available);
    }

    public ValueTask DisposeAsync() => _blocks?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Drops buffered samples before <paramref name="first"/>.</summary>
    private void Discard(long first)
    {
        if (first >= _streamed)
        {
            _count = 0;
            _bufferStart = _streamed;
            return;
        }
        var drop = (int)(first - _bufferStart);
        if (drop == 0) return;
        Array.Copy(_buffer, drop, _buffer, 0, _count - drop);
        _count -= drop;
        _bufferStart = first;
    }

    private void Append(float[] block, long first)
    {
        var blockStart = _streamed;
        _streamed += block.Length;
        // Only an empty buffer can still be before the range: the part of the block before it is skipped.
        var skip = (int)Math.Clamp(first - blockStart, 0, block.Length);
        if (skip == block.Length)
        {
            _bufferStart = _streamed;
            return;
        }
        if (_count == 0) _bufferStart = blockStart + skip;
        var kept = block.Length - skip;
        // A range a few samples over 30 s (cuts are rounded to ms) grows the buffer once, to that range.
        if (_count + kept > _buffer.Length) Array.Resize(ref _buffer, _count + kept);
        Array.Copy(block, skip, _buffer, _count, kept);
        _count += kept;
    }
}
