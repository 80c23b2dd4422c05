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
    /// First audio stream as a mono signed 16-bit WAV stream, at whichever of <paramref name="sampleRates"/>
    /// is nearest the source's own rate (ffmpeg's format negotiation): a source already at one of them
    /// passes through without a resampler, and the WAV header tells the reader the rate chosen, so no
    /// probe is needed. Half the pipe bytes of f32le. <c>-rematrix_maxval 1000</c>: the down-mix keeps the
    /// gains of the float path (<see cref="Pcm"/>); for integer output ffmpeg otherwise scales it down
    /// against clipping, and stereo would read 3 dB quieter. <c>-flush_packets 0</c>: the muxer fills
    /// its 32 KB I/O buffer before writing instead of one pipe write per packet (4 KB for WAV input), an
    /// eighth of the writes and of the reader's wake-ups. <c>+bitexact</c>: no encoder tag, so the header
    /// is the plain 44 bytes.
    /// </summary>
    public static string PcmInt16Wav(string input, IReadOnlyList<int> sampleRates)
    {
        if (sampleRates.Count == 0 || sampleRates.Any(r => r <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRates), "at least one rate, all positive");
        }

        var rates = string.Join('|', sampleRates.Select(r => r.ToString(CultureInfo.InvariantCulture)));
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false)
            .OutputToUrl("pipe:1", o => o
                .WithCustomArgument("-map 0:a:0")
                .WithAudioChannels(1)
                .WithCustomArgument($"-af aformat=sample_rates={rates}")
                .WithCustomArgument("-rematrix_maxval 1000 -flush_packets 0 -fflags +bitexact")
                .ForceFormat("wav"))
            .Arguments;
    }

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
