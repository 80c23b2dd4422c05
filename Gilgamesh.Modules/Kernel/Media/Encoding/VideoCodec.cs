// Namespace "Encoders", not the folder's "Encoding": a namespace Kernel.Media.Encoding would shadow System.Text.Encoding
// for every file in Kernel.Media (Encoding.UTF8 would stop compiling there).
namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>The video formats an encode can target. Names are what profiles, manifests and ffprobe's <c>codec_name</c> say.</summary>
internal enum VideoCodec
{
    H264,
    Hevc,
    Av1,
}

internal static class VideoCodecNames
{
    /// <summary>ffprobe's <c>codec_name</c> for the format, e.g. <c>hevc</c>.</summary>
    public static string ProbeName(this VideoCodec codec) => codec switch
    {
        VideoCodec.H264 => "h264",
        VideoCodec.Hevc => "hevc",
        VideoCodec.Av1 => "av1",
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, null),
    };

    public static VideoCodec Parse(string name) => name.ToLowerInvariant() switch
    {
        "h264" or "avc" => VideoCodec.H264,
        "hevc" or "h265" => VideoCodec.Hevc,
        "av1" => VideoCodec.Av1,
        _ => throw new ArgumentException($"'{name}' is not a codec an encode can target (h264, hevc, av1)", nameof(name)),
    };
}
