using System.Globalization;

// Namespace "Encoders", not the folder's "Encoding": a namespace Kernel.Media.Encoding would shadow System.Text.Encoding
// for every file in Kernel.Media (Encoding.UTF8 would stop compiling there).
namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>
/// Maps an <see cref="EncodePreset"/> to one ffmpeg encoder and its options. Pure: the same preset and
/// kind always give the same string (tested as exact strings).
/// </summary>
internal static class EncoderSelection
{
    /// <summary>The ffmpeg encoder for <paramref name="codec"/> on <paramref name="kind"/>.</summary>
    /// <exception cref="NotSupportedException">AV1 on NVENC: the Debian ffmpeg here offers av1_nvenc only on Ada GPUs and the platform does not target it.</exception>
    public static string EncoderFor(VideoCodec codec, EncoderKind kind) => (codec, kind) switch
    {
        (VideoCodec.H264, EncoderKind.Cpu) => "libx264",
        (VideoCodec.Hevc, EncoderKind.Cpu) => "libx265",
        (VideoCodec.Av1, EncoderKind.Cpu) => "libsvtav1",
        (VideoCodec.H264, EncoderKind.Nvenc) => "h264_nvenc",
        (VideoCodec.Hevc, EncoderKind.Nvenc) => "hevc_nvenc",
        _ => throw new NotSupportedException($"{codec} has no {kind} encoder here"),
    };

    /// <summary>The video options, starting with <c>-c:v</c>, e.g. <c>-c:v libx264 -preset medium -crf 23 -pix_fmt yuv420p</c>.</summary>
    public static string VideoOptions(EncodePreset preset, EncoderKind kind)
    {
        preset.Validate();
        var encoder = EncoderFor(preset.Codec, kind);
        var parts = new List<string> { $"-c:v {encoder}" };
        if (kind == EncoderKind.Nvenc)
        {
            // VBR with a CQ target and no average bit rate (-b:v 0) is NVENC's constant-quality mode.
            parts.Add($"-preset {preset.Speed ?? "p5"} -tune hq -rc vbr -cq {Invariant(preset.Quality)} -b:v 0");
        }
        else
        {
            parts.Add($"-preset {preset.Speed ?? DefaultCpuSpeed(preset.Codec)} -crf {Invariant(preset.Quality)}");
        }

        if (preset.MaxRateKbps is { } maxRate)
        {
            // A buffer of two seconds at the cap: bursts stay short enough for streaming players.
            parts.Add($"-maxrate {Invariant(maxRate)}k -bufsize {Invariant(maxRate * 2)}k");
        }

        if (preset.GopFrames is { } gop)
        {
            parts.Add($"-g {Invariant(gop)}");
        }

        parts.Add($"-pix_fmt {PixelFormatFor(preset, kind)}");
        if (preset.BitDepth == 10 && preset.Codec != VideoCodec.Av1)
        {
            parts.Add(preset.Codec == VideoCodec.H264 ? "-profile:v high10" : "-profile:v main10");
        }

        if (preset.Codec == VideoCodec.Hevc)
        {
            // hvc1: the sample entry Apple players require for HEVC in MP4 (ffmpeg writes hev1 otherwise).
            parts.Add("-tag:v hvc1");
            if (kind == EncoderKind.Cpu)
            {
                // x265 writes its banner and per-encode statistics at info level straight to stderr.
                parts.Add("-x265-params log-level=error");
            }
        }

        return string.Join(' ', parts);
    }

    private static string PixelFormatFor(EncodePreset preset, EncoderKind kind)
    {
        if (preset.PixelFormat is { } explicitFormat) return EncoderName.Require(explicitFormat, nameof(preset));
        if (preset.BitDepth == 8) return "yuv420p";
        if (kind == EncoderKind.Nvenc && preset.Codec == VideoCodec.H264)
            throw new NotSupportedException("h264_nvenc encodes 8-bit only");
        // NVENC takes 10-bit input as p010le; the software encoders as planar yuv420p10le.
        return kind == EncoderKind.Nvenc ? "p010le" : "yuv420p10le";
    }

    private static string DefaultCpuSpeed(VideoCodec codec) => codec == VideoCodec.Av1 ? "8" : "medium";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
