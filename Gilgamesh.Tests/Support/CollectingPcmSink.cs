using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Support;

/// <summary>Keeps everything a <see cref="PcmDecoder.DecodeInt16Async"/> run delivers, and its largest chunk.</summary>
internal sealed class CollectingPcmSink : IPcmInt16Sink
{
    public int? Rate { get; private set; }

    public List<short> Samples { get; } = [];

    public int LargestChunk { get; private set; }

    public void Begin(int sampleRate) => Rate = sampleRate;

    public void Add(ReadOnlySpan<short> samples)
    {
        Samples.AddRange(samples);
        LargestChunk = Math.Max(LargestChunk, samples.Length);
    }
}
