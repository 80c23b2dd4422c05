using System.Globalization;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Encoders;

namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary>
/// Whether a file already meets a profile, and if not, why, in words a person reads in the dashboard:
/// <c>h264 1080p 12.0 Mb/s: codec h264, profile wants hevc</c>.
/// </summary>
internal static class Compliance
{
    public static IReadOnlyList<string> Reasons(MediaInfo info, EncodeProfile profile)
    {
        var video = info.PrimaryVideo;
        if (video is null) return [];
        var bitrate = video.BitRate ?? info.BitRate;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{video.Codec} {video.Height}p{(bitrate is { } b ? $" {b / 1e6:0.0} Mb/s" : "")}");
        var reasons = new List<string>();
        var wanted = profile.VideoCodec.ProbeName();
        if (video.Codec != wanted)
            reasons.Add($"{summary}: codec {video.Codec}, profile wants {wanted}");
        if (profile.MaxHeight is { } maxHeight && video.Height > maxHeight)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{summary}: {video.Height}p over max {maxHeight}p"));
        if (profile.MaxBitrateKbps is { } maxKbps && bitrate is { } rate && rate > maxKbps * 1000L)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{summary} over max {maxKbps / 1000.0:0.#} Mb/s"));
        return reasons;
    }
}
