using System.Globalization;
using FFMpegCore;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Ingest.Previews;

/// <summary>
/// ffmpeg arguments for the library's previews. Pure FFMpegCore argument builders (tested for their exact output);
/// <see cref="PreviewMaker"/> runs them. Every preview is at most <see cref="MaxWidth"/> pixels wide.
/// </summary>
internal static class PreviewArguments
{
    public const int MaxWidth = 640;
    public const int TileColumns = 4;
    public const int TileRows = 3;
    public const int TileWidth = 320;
    public const int WaveformHeight = 160;

    /// <summary>Beyond this length the contact sheet decodes keyframes only: a lecture's every frame is hours of CPU.</summary>
    public const double KeyframesOnlyAboveSeconds = 120;

    // Never upscale, keep the aspect ratio, even height (some JPEG decoders dislike odd chroma sizes).
    private static readonly string ScaleToMaxWidth = $"scale='min({MaxWidth},iw)':-2";

    /// <summary>A JPEG poster frame of a video at 10 % of its length (the first frames are often black).</summary>
    public static string VideoPoster(string input, string output, double? durationSeconds)
    {
        var at = MediaTime.FromSeconds(durationSeconds is > 0 and var d ? d * 0.1 : 0);
        return OneImage(input, output, $"-vf \"{ScaleToMaxWidth}\" -q:v 3", seek: $"-ss {at}");
    }

    /// <summary>A JPEG poster of a still image, scaled down like the video poster.</summary>
    public static string ImagePoster(string input, string output) => OneImage(input, output, $"-vf \"{ScaleToMaxWidth}\" -q:v 3");

    /// <summary>Audio longer than this is resampled before drawing (see <see cref="Waveform"/>).</summary>
    public const double ResampleWaveformAboveSeconds = 60;

    /// <summary>Samples showwavespic is given at most for a long track (it holds all of them until the end).</summary>
    public const int WaveformSampleBudget = 4_000_000;

    /// <summary>
    /// A PNG of the whole track's waveform, all channels mixed into one picture. showwavespic keeps every sample
    /// until the end of the input, so a long track is first resampled to fit <see cref="WaveformSampleBudget"/>
    /// (at least 1 kHz, which keeps the voice's fundamentals): a 3 h lecture costs ffmpeg tens of MB, not gigabytes.
    /// </summary>
    public static string Waveform(string input, string output, double? durationSeconds = null)
    {
        var resample = durationSeconds is > ResampleWaveformAboveSeconds and var d
            ? $"aresample={Math.Clamp((int)(WaveformSampleBudget / d), 1000, 48000).ToString(CultureInfo.InvariantCulture)},"
            : "";
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false)
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument($"-filter_complex \"{resample}aformat=channel_layouts=mono,showwavespic=s={MaxWidth}x{WaveformHeight}:colors=0x3b82f6\"")
                .WithCustomArgument("-frames:v 1"))
            .Arguments;
    }

    /// <summary>
    /// A 4×3 JPEG grid of frames spread evenly over the video: <c>fps</c> picks 12 frames across the duration,
    /// <c>tile</c> lays them out (and flushes a partial grid at the end of short videos).
    /// </summary>
    public static string ContactSheet(string input, string output, double durationSeconds)
    {
        if (durationSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(durationSeconds), "a contact sheet needs a duration");
        var tiles = TileColumns * TileRows;
        var rate = (tiles / durationSeconds).ToString("0.######", CultureInfo.InvariantCulture);
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false, i =>
            {
                if (durationSeconds > KeyframesOnlyAboveSeconds)
                {
                    i.WithCustomArgument("-skip_frame nokey");
                }
            })
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument($"-an -vf \"fps={rate},scale={TileWidth}:-2,tile={TileColumns}x{TileRows}\" -frames:v 1 -q:v 4"))
            .Arguments;
    }

    // One frame out: the poster commands differ only in the input seek and the filter.
    private static string OneImage(string input, string output, string filterAndQuality, string? seek = null) =>
        FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false, i =>
            {
                if (seek is not null)
                {
                    i.WithCustomArgument(seek);
                }
            })
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o.WithCustomArgument($"-frames:v 1 {filterAndQuality}"))
            .Arguments;
}
