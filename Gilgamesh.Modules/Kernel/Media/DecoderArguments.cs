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
    /// <param name="range">Only this part of the file: an accurate input seek to its start (ffmpeg decodes from
    /// the packet before and drops the samples before it) and an output duration, both exact to the sample.</param>
    public static string PcmInt16Wav(string input, IReadOnlyList<int> sampleRates, PcmRange? range = null)
    {
        if (sampleRates.Count == 0 || sampleRates.Any(r => r <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRates), "at least one rate, all positive");
        }

        var rates = string.Join('|', sampleRates.Select(r => r.ToString(CultureInfo.InvariantCulture)));
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false, i =>
            {
                if (range is { StartSeconds: > 0 } r)
                {
                    i.WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-ss {r.StartSeconds:0.######}"));
                }
            })
            .OutputToUrl("pipe:1", o => o
                .WithCustomArgument(range?.DurationSeconds is { } d ? string.Create(CultureInfo.InvariantCulture, $"-t {d:0.######} -map 0:a:0") : "-map 0:a:0")
                .WithAudioChannels(1)
                .WithCustomArgument($"-af aformat=sample_rates={rates}")
                .WithCustomArgument("-rematrix_maxval 1000 -flush_packets 0 -fflags +bitexact")
                .ForceFormat("wav"))
            .Arguments;
    }

    /// <summary>
    /// Stream <paramref name="streamIndex"/> resampled to the request's fps and scaled to exactly
    /// <paramref name="width"/>x<paramref name="height"/>. Input options (before <c>-i</c>): the decoder's
    /// threads, <see cref="FrameFidelity.Fast"/>'s skipped loop filter, the start seek. Output: the
    /// filter (fast_bilinear scaling when fast), the frame limit, the pixel format.
    /// </summary>
    public static string Frames(string input, int streamIndex, int width, int height, FrameRequest request)
    {
        var pixFmt = request.PixelFormat switch
        {
            FramePixelFormat.Rgb24 => "rgb24",
            FramePixelFormat.Gray8 => "gray",
            FramePixelFormat.Gbrp => "gbrp",
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.PixelFormat, null),
        };
        var fast = request.Fidelity == FrameFidelity.Fast;
        var scaler = fast ? ":flags=fast_bilinear" : "";
        var filter = string.Create(CultureInfo.InvariantCulture, $"fps={request.Fps},scale={width}:{height}{scaler}");
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false, i =>
            {
                if (request.DecoderThreads is { } threads)
                {
                    i.WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-threads {threads}"));
                }

                if (fast)
                {
                    i.WithCustomArgument("-skip_loop_filter all");
                }

                if (request.StartSeconds is { } start)
                {
                    i.WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-ss {start:0.######}"));
                }
            })
            .OutputToUrl("pipe:1", o =>
            {
                o.WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-map 0:{streamIndex}"))
                    .WithCustomArgument($"-vf \"{filter}\"");
                if (request.FrameLimit is { } limit)
                {
                    o.WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-frames:v {limit}"));
                }

                o.WithCustomArgument($"-pix_fmt {pixFmt}").ForceFormat("rawvideo");
            })
            .Arguments;
    }
}
