namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>Receives a <see cref="PcmDecoder.DecodeInt16Async"/> stream: its rate once, then the samples.</summary>
internal interface IPcmInt16Sink
{
    /// <summary>Called once before any samples, with the rate ffmpeg delivers (from its WAV header).</summary>
    void Begin(int sampleRate);

    /// <summary>Mono samples; the span points into a reused buffer and is only valid during the call.</summary>
    void Add(ReadOnlySpan<short> samples);
}
