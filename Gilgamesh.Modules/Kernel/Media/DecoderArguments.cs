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
