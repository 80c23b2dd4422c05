using System.Text;
using System.Text.Json;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Runs ffprobe and returns <see cref="MediaInfo"/>.
/// Runs ffprobe itself instead of FFMpegCore's <c>FFProbe.AnalyseAsync</c>: that API only takes a
/// binary <em>folder</em> (not the configured file path), does not guarantee the process is killed on
/// cancellation, and its <c>FromJson</c> reads durations only in <c>-sexagesimal</c> form. The JSON
/// carries everything needed, including display-matrix rotation.
/// </summary>
internal sealed class MediaProbe(MediaToolLocator locator)
{
    /// <exception cref="GilgameshException">
    /// <see cref="ErrorCodes.MediaUnreadable"/> (422) when the file is missing or ffprobe cannot read it as media;
    /// <see cref="ErrorCodes.ProbeFailed"/> (422) when ffprobe's output is unusable.
    /// </exception>
    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new GilgameshException(ErrorCodes.MediaUnreadable, $"media file not found: {path}", 422);
        }

        var arguments = $"-v error -print_format json -show_format -show_streams -i {QuotedPath.Quote(path)}";
        await using var process = FfmpegProcess.Start(locator.FfprobePath, arguments);
        using var killOnCancel = cancellationToken.Register(process.Kill);
        var json = await process.StandardOutputReader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        if (exitCode != 0)
        {
            throw new GilgameshException(
                ErrorCodes.MediaUnreadable,
                $"not readable as media: {Path.GetFileName(path)}: {process.StderrTail}",
                422);
        }

        MediaInfo info;
        try
        {
            info = FfprobeJsonParser.Parse(json);
        }
        catch (JsonException e)
        {
            throw new GilgameshException(ErrorCodes.ProbeFailed, $"ffprobe output for {Path.GetFileName(path)} is not valid JSON", 422, e);
        }

        // ffprobe accepts some non-media files (e.g. plain text via the tty demuxer) with zero streams.
        return info.Streams.Count > 0
            ? info
            : throw new GilgameshException(ErrorCodes.MediaUnreadable, $"no audio, video or subtitle streams in {Path.GetFileName(path)}", 422);
    }

    /// <summary>
    /// Presentation times (seconds from the stream's first packet, ascending: the clock decoders and
    /// <c>-ss</c> use) of the first video stream's key packets, read from the container's packets without
    /// decoding (~0.4 s for ten minutes of 25 fps).
    /// Empty when ffprobe fails or the stream has none flagged.
    /// </summary>
    public async Task<IReadOnlyList<double>> KeyPacketTimesAsync(string path, CancellationToken cancellationToken = default)
    {
        var arguments = $"-v error -select_streams v:0 -show_entries packet=pts_time,flags -of csv=p=0 -i {QuotedPath.Quote(path)}";
        await using var process = FfmpegProcess.Start(locator.FfprobePath, arguments);
        using var killOnCancel = cancellationToken.Register(process.Kill);
        var times = new List<double>();
        var first = double.PositiveInfinity;
        while (await process.StandardOutputReader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            // "12.345000,K__" (K: key packet); pts_time is "N/A" for packets without a timestamp.
            var comma = line.IndexOf(',');
            if (comma > 0 && double.TryParse(line.AsSpan(0, comma), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var time))
            {
                first = Math.Min(first, time);
                if (line.AsSpan(comma + 1).StartsWith("K"))
                {
                    times.Add(time);
                }
            }
        }

        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exitCode != 0)
        {
            return [];
        }

        // Packets come in decode order; sorted to be sure. Relative to the first packet as decoding is
        // (an MPEG-TS stream may start at 1.4 s).
        times.Sort();
        return times.ConvertAll(t => t - first);
    }
}
