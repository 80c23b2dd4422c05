using System.Globalization;

namespace Gilgamesh.Modules.Kernel.Media.Render.Cuts;

/// <summary>
/// Encoder options that reproduce a source stream's parameters (codec, profile, level, pixel format, colour), so
/// re-encoded edges and stream-copied GOPs decode as one stream. Written as one argument string (pure).
/// </summary>
internal static class MatchedEncoder
{
    /// <summary>Quality of matched edges: near-transparent, so the seam is not visible.</summary>
    public const int EdgeCrf = 16;

    public static string Arguments(SourceVideo source, SmartCutEdges edges, string preset = "medium")
    {
        var parts = new List<string>();
        var hevc = source.Codec == "hevc";
        parts.Add(hevc ? "-c:v libx265" : "-c:v libx264");
        parts.Add($"-preset {EncoderName.Require(preset, nameof(preset))}");
        if (edges == SmartCutEdges.Lossless)
        {
            // x264 switches to High 4:4:4 Predictive by itself for QP 0; x265 needs its lossless flag.
            parts.Add(hevc ? "-x265-params lossless=1" : "-qp 0");
        }
        else
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"-crf {EdgeCrf}"));
            if (ProfileName(source) is { } profile)
            {
                parts.Add($"-profile:v {profile}");
            }

            if (LevelName(source) is { } level)
            {
                parts.Add($"-level:v {level}");
            }
        }

        if (source.PixelFormat is { } pixelFormat)
        {
            parts.Add($"-pix_fmt {EncoderName.Require(pixelFormat, nameof(source))}");
        }

        AddColour(parts, "-color_range", source.ColorRange);
        AddColour(parts, "-colorspace", source.ColorSpace);
        AddColour(parts, "-color_trc", source.ColorTransfer);
        AddColour(parts, "-color_primaries", source.ColorPrimaries);
        return string.Join(' ', parts);
    }

    /// <summary>ffprobe's profile name as the encoder's <c>-profile:v</c> value, null when unknown.</summary>
    public static string? ProfileName(SourceVideo source) => (source.Codec, source.Profile) switch
    {
        ("h264", "Constrained Baseline" or "Baseline") => "baseline",
        ("h264", "Main") => "main",
        ("h264", "High") => "high",
        ("h264", "High 10") => "high10",
        ("h264", "High 4:2:2") => "high422",
        ("h264", "High 4:4:4 Predictive") => "high444",
        ("hevc", "Main") => "main",
        ("hevc", "Main 10") => "main10",
        _ => null,
    };

    /// <summary>ffprobe's level (H.264: ×10, HEVC: ×30) as <c>4.1</c>; null when unknown.</summary>
    public static string? LevelName(SourceVideo source)
    {
        if (source.Level is not > 0 || !SmartCutPlanner.MatchableCodecs.Contains(source.Codec))
        {
            return null;
        }

        var level = source.Codec == "hevc" ? source.Level.Value / 30.0 : source.Level.Value / 10.0;
        return level.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static void AddColour(List<string> parts, string option, string? value)
    {
        if (value is not null && value != "unknown" && value != "reserved")
        {
            parts.Add($"{option} {EncoderName.Require(value, option)}");
        }
    }
}
