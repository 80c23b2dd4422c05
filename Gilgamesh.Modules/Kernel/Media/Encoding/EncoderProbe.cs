using System.Collections.Concurrent;

// Namespace "Encoders", not the folder's "Encoding": a namespace Kernel.Media.Encoding would shadow System.Text.Encoding
// for every file in Kernel.Media (Encoding.UTF8 would stop compiling there).
namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>
/// Tells whether an encoder works here by encoding one frame. Results are cached per encoder for the
/// process's life (a GPU does not appear while the app runs; a driver that fails later is the
/// circuit breaker's business, not the probe's). NVENC on a machine without an NVIDIA device fails with
/// ffmpeg's own words ("Cannot load libcuda.so.1", "No NVENC capable devices found"), which become the reason.
/// </summary>
internal sealed class EncoderProbe(FfmpegRunner runner)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<EncoderProbeResult>>> _results = new();

    public Task<EncoderProbeResult> ProbeAsync(VideoCodec codec, EncoderKind kind, CancellationToken cancellationToken = default)
    {
        string encoder;
        try
        {
            encoder = EncoderSelection.EncoderFor(codec, kind);
        }
        catch (NotSupportedException e)
        {
            return Task.FromResult(new EncoderProbeResult($"{codec.ProbeName()}/{kind}", kind, false, e.Message));
        }

        return _results.GetOrAdd(encoder, _ => new Lazy<Task<EncoderProbeResult>>(() => RunAsync(encoder, codec, kind, CancellationToken.None))).Value;
    }

    /// <summary>Every encoder the platform maps to, probed.</summary>
    public async Task<IReadOnlyList<EncoderProbeResult>> ProbeAllAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<EncoderProbeResult>();
        foreach (var kind in Enum.GetValues<EncoderKind>())
        foreach (var codec in Enum.GetValues<VideoCodec>())
        {
            if (codec == VideoCodec.Av1 && kind == EncoderKind.Nvenc) continue;
            results.Add(await ProbeAsync(codec, kind, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    // Not the caller's token: the result is shared and cached, and one frame costs next to nothing.
    private async Task<EncoderProbeResult> RunAsync(string encoder, VideoCodec codec, EncoderKind kind, CancellationToken cancellationToken)
    {
        var preset = new EncodePreset(codec, codec == VideoCodec.Av1 ? 35 : 28, Speed: kind == EncoderKind.Cpu && codec != VideoCodec.Av1 ? "ultrafast" : null);
        try
        {
            await runner.RunAsync(EncoderProbeArguments.Build(preset, kind), cancellationToken: cancellationToken).ConfigureAwait(false);
            return new EncoderProbeResult(encoder, kind, true, null);
        }
        catch (FfmpegException e)
        {
            return new EncoderProbeResult(encoder, kind, false, e.StderrTail.Trim());
        }
    }
}
