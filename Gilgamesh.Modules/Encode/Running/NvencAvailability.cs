using Gilgamesh.Modules.Kernel.Media.Encoders;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>Whether NVENC works here for a codec: the kernel's one-frame probe. A seam so tests can stand in for a GPU.</summary>
internal class NvencAvailability(EncoderProbe probe)
{
    public virtual Task<EncoderProbeResult> ProbeAsync(VideoCodec codec, CancellationToken ct) => probe.ProbeAsync(codec, EncoderKind.Nvenc, ct);
}
