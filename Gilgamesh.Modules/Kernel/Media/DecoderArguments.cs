using System.Globalization;
using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>Arguments for the streaming decoders: raw samples or frames on stdout (pipe:1).</summary>
internal static class DecoderArguments
{
    /// <summary>
    /// Prefix for decoder runs: quiet stderr (only errors go into the tail) and -nostdin, because decoders
    /// are stopped by killing (their output is discarded anyway), never by "q".
    /// </summary>
    public const string Global = "-hide_banner -nostats -nostdin -loglevel error";

    /// <summary>First audio stream, down-mixed to mono float32 little-endian at <paramref name="sampleRate"/>.</summary>
    public static string Pcm(string input, int sampleRate) =>
        FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false)
            .OutputToUrl("pipe:1", o => o
                .WithCustomArgument("-map 0:a:0")
                .WithAudioChannels(1)
                .WithAudioSamplingRate(sampleRate)
                .ForceFormat("f32le"))
            .Arguments;

    /// <summary>
    /// First audio stream, down-mixed to mono signed 16-bit little-endian at <paramref name="sampleRate"/>;
    /// at the source's own rate the resampler passes samples through untouched. Half the pipe bytes of
    /// f32le. <c>-flush_packets 0</c>: the muxer fills its 32 KB I/O buffer before writing instead of one
    /// pipe write per packet (4 KB for WAV), an eighth of the writes and of the reader's wake-ups.
    /// </summary>
    public static string PcmInt16(string input, int sampleRate) =>
        FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false)
            .OutputToUrl("pipe:1", o => o
                .WithCustomArgument("-map 0:a:0")
                .WithAudioChannels(1)
                .WithAudioSamplingRate(sampleRate)
                .WithCustomArgument("-flush_packets 0")
                .ForceFormat("s16le"))
            .Arguments;

    /// <summary>Stream <paramref name="streamIndex"/> resampled to <paramref name="fps"/> and scaled to exactly <paramref name="width"/>x<paramref name="height"/>.</summary>
    public static string Frames(string input, int streamIndex, double fps, int width, int height, FramePixelFormat pixelFormat)
    {
        var pixFmt = pixelFormat switch
        {
            FramePixelFormat.Rgb24 => "rgb24",
            FramePixelFormat.Gray8 => "gray",
            _ => throw new ArgumentOutOfRangeException(nameof(pixelFormat), pixelFormat, null),
        };
        var filter = string.Create(CultureInfo.InvariantCulture, $"fps={fps},scale={width}:{height}");
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false)
            .OutputToUrl("pipe:1", o => o
                .WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-map 0:{streamIndex}"))
                .WithCustomArgument($"-vf \"{filter}\"")
                .WithCustomArgument($"-pix_fmt {pixFmt}")
                .ForceFormat("rawvideo"))
            .Arguments;
    }
}
