using System.Globalization;
using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media.Render.Cuts;

/// <summary>
/// The commands of a smart cut (pure). Video parts are MPEG-TS: each carries its parameter sets in-band, so the
/// concat demuxer can join copied GOPs and re-encoded edges whose headers differ; audio is cut once for the whole span.
/// </summary>
internal static class SmartCutArguments
{
    /// <summary>Stream-copies <paramref name="frames"/> frames from the keyframe at <paramref name="keyframeSeconds"/>.</summary>
    public static string CopySpan(string input, string output, double keyframeSeconds, long frames) =>
        FFMpegArguments
            // Rounded up to the microsecond: the demuxer seeks to the last keyframe at or before the time, which
            // must be this one and not the previous one.
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false, i => i.WithCustomArgument($"-ss {CeilingMicroseconds(keyframeSeconds)}"))
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument(Invariant($"-map 0:v:0 -frames:v {Positive(frames)} -c:v copy -f mpegts")))
            .Arguments;

    /// <summary>
    /// Re-encodes <paramref name="frames"/> frames starting with the frame at <paramref name="frameSeconds"/>; the input
    /// seek lands half a frame early and ffmpeg's accurate seek drops the frames before it.
    /// </summary>
    public static string EncodeSpan(string input, string output, double frameSeconds, double frameDuration, long frames, string encoder) =>
        FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false, i => i.WithCustomArgument($"-ss {Seek(frameSeconds, frameDuration)}"))
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument(Invariant($"-map 0:v:0 -frames:v {Positive(frames)} {encoder} -f mpegts")))
            .Arguments;

    /// <summary>The audio of the whole span, from the first kept frame's time, as AAC (re-encoded: AAC frames never align with cut points).</summary>
    public static string Audio(string input, string output, double startSeconds, double durationSeconds) =>
        FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false, i => i.WithCustomArgument($"-ss {Micro(startSeconds)}"))
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument($"-t {Micro(durationSeconds)} -map 0:a:0 -vn -c:a aac -b:a 192k -f mp4"))
            .Arguments;

    /// <summary>Joins the listed video parts by stream copy and adds the span's audio (when there is one); MP4 with the index in front.</summary>
    public static string Mux(string listFile, string? audio, string output)
    {
        var arguments = FFMpegArguments
            .FromFileInput(QuotedPath.Require(listFile, nameof(listFile)), verifyExists: false, i => i.ForceFormat("concat").WithCustomArgument("-safe 0"));
        if (audio is not null)
        {
            arguments = arguments.AddFileInput(QuotedPath.Require(audio, nameof(audio)), verifyExists: false);
        }

        return arguments.OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument(audio is null ? "-map 0:v:0" : "-map 0:v:0 -map 1:a:0")
                .CopyStreams()
                .WithCustomArgument("-movflags +faststart -f mp4"))
            .Arguments;
    }

    public static string Seek(double frameSeconds, double frameDuration) => Micro(Math.Max(0, frameSeconds - frameDuration / 2));

    private static string CeilingMicroseconds(double seconds) => Micro(Math.Ceiling(Math.Round(seconds * 1e6, 3)) / 1e6);

    private static string Micro(double seconds) => seconds.ToString("0.000000", CultureInfo.InvariantCulture);

    private static long Positive(long frames) => frames > 0 ? frames : throw new ArgumentOutOfRangeException(nameof(frames), frames, "a span needs at least one frame");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
