namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// 16 kHz mono samples of a file by range, asked for in increasing order (the chunks of a plan): what the
/// engine needs instead of the whole file, so a source may stream and keep only the current range.
/// </summary>
internal interface IPcmRanges
{
    /// <summary>Samples [first, last), fewer where the audio ends sooner; valid until the next call.</summary>
    ValueTask<ReadOnlyMemory<float>> ReadAsync(long first, long last, CancellationToken cancellationToken);
}

/// <summary>Ranges of samples already in memory (tests, short clips): every read completes synchronously.</summary>
internal sealed class InMemoryPcmRanges(ReadOnlyMemory<float> samples) : IPcmRanges
{
    public ValueTask<ReadOnlyMemory<float>> ReadAsync(long first, long last, CancellationToken cancellationToken)
    {
        var from = (int)Math.Min(first, samples.Length);
        return ValueTask.FromResult(samples[from..(int)Math.Clamp(last, from, samples.Length)]);
    }
}
