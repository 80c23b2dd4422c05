using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Kernel.Media.Encoders;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>The encoder a file gets, the GPU lease it holds (if any), and why, for the file's reasons.</summary>
internal sealed record EncoderChoice(EncoderKind Kind, IDisposable? Lease, string? Note) : IDisposable
{
    public void Dispose() => Lease?.Dispose();
}

/// <summary>NVENC when the profile allows it, the probe works and a session lease is free; the CPU otherwise, with the reason.</summary>
internal sealed class EncoderChooser(NvencAvailability nvenc, GpuSessions gpu)
{
    public async Task<EncoderChoice> ChooseAsync(EncodeProfile profile, CancellationToken ct)
    {
        if (profile.Encoder == "cpu") return new EncoderChoice(EncoderKind.Cpu, null, null);
        var probe = await nvenc.ProbeAsync(profile.VideoCodec, ct);
        if (!probe.Works) return new EncoderChoice(EncoderKind.Cpu, null, $"cpu: NVENC unavailable ({FirstLine(probe.Reason)})");
        var lease = gpu.TryLease(out var refusal);
        return lease is null
            ? new EncoderChoice(EncoderKind.Cpu, null, $"cpu fallback: {refusal}")
            : new EncoderChoice(EncoderKind.Nvenc, lease, null);
    }

    private static string FirstLine(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no reason given";
}
