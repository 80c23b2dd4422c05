namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>Whether <paramref name="Encoder"/> encoded a frame on this machine, and if not, ffmpeg's reason (stderr tail).</summary>
internal sealed record EncoderProbeResult(string Encoder, EncoderKind Kind, bool Works, string? Reason);
