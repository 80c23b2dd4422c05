using System.Globalization;
using System.Text.Json;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Media.Render.Cuts;

/// <summary>
/// Reads what a smart cut needs beyond <see cref="MediaProbe"/>: the encoding parameters of the video stream
/// and the key packets (with their neighbours in decode order, to see open GOPs) around the span.
/// </summary>
internal sealed class SourceVideoProbe(MediaToolLocator locator)
{
    public async Task<SourceVideo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var json = await RunAsync(
            "-v error -show_entries stream=codec_type,codec_name,profile,level,pix_fmt,width,height,r_frame_rate,avg_frame_rate,field_order,duration," +
            $"color_range,color_space,color_transfer,color_primaries:format=start_time,duration -of json -i {QuotedPath.Quote(path)}",
            path, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        var streams = document.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.FirstOrDefault(s => Text(s, "codec_type") == "video");
        if (video.ValueKind != JsonValueKind.Object || Int(video, "width") is not { } width || Int(video, "height") is not { } height
            || FrameRate.Parse(Text(video, "r_frame_rate")) is not { } rate)
        {
            throw new GilgameshException(ErrorCodes.MediaUnreadable, $"no usable video stream in {Path.GetFileName(path)}", 422);
        }

        var format = document.RootElement.GetProperty("format");
        return new SourceVideo(
            Text(video, "codec_name") ?? "unknown",
            Text(video, "profile"),
            Int(video, "level"),
            Text(video, "pix_fmt"),
            width,
            height,
            rate,
            FrameRate.Parse(Text(video, "avg_frame_rate")),
            Text(video, "field_order"),
            Text(video, "color_range"),
            Text(video, "color_space"),
            Text(video, "color_transfer"),
            Text(video, "color_primaries"),
            Seconds(format, "start_time"),
            // The video stream's own length: the container's includes audio padding.
            Seconds(video, "duration") is > 0 and var videoSeconds ? videoSeconds : Seconds(format, "duration"),
            streams.Any(s => Text(s, "codec_type") == "audio"));
    }

    /// <summary>
    /// Key packets of the first video stream between <paramref name="fromSeconds"/> and <paramref name="toSeconds"/>
    /// (source clock, i.e. including the start time), and whether any of them opens an open GOP: the packet after
    /// it in decode order is shown before it (leading pictures that reference the previous GOP).
    /// </summary>
    public async Task<KeyPackets> KeyPacketsAsync(string path, double fromSeconds, double toSeconds, CancellationToken cancellationToken)
    {
        var interval = string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, fromSeconds):0.000}%{toSeconds:0.000}");
        var csv = await RunAsync(
            $"-v error -select_streams v:0 -read_intervals {interval} -show_entries packet=pts_time,flags -of csv=p=0 -i {QuotedPath.Quote(path)}",
            path, cancellationToken).ConfigureAwait(false);
        var keys = new List<double>();
        var openGop = false;
        double? previousKey = null;
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var comma = line.IndexOf(',');
            if (comma <= 0 || !double.TryParse(line.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
            {
                continue;
            }

            if (previousKey is { } key && time < key)
            {
                openGop = true;
            }

            previousKey = null;
            if (line.AsSpan(comma + 1).StartsWith("K"))
            {
                keys.Add(time);
                previousKey = time;
            }
        }

        keys.Sort();
        return new KeyPackets(keys, openGop);
    }

    private async Task<string> RunAsync(string arguments, string path, CancellationToken cancellationToken)
    {
        await using var process = FfmpegProcess.Start(locator.FfprobePath, arguments);
        using var killOnCancel = cancellationToken.Register(process.Kill);
        var output = await process.StandardOutputReader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return exitCode == 0
            ? output
            : throw new GilgameshException(ErrorCodes.MediaUnreadable, $"not readable as media: {Path.GetFileName(path)}: {process.StderrTail}", 422);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static double Seconds(JsonElement element, string name) =>
        double.TryParse(Text(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
}

/// <summary>Key packet times (source clock, ascending) and whether an open GOP was seen among them.</summary>
internal sealed record KeyPackets(IReadOnlyList<double> Times, bool OpenGop);
