using System.Globalization;
using System.Text.Json;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Reads <c>ffprobe -print_format json -show_format -show_streams</c> output into <see cref="MediaInfo"/>.
/// ffprobe prints most numbers as JSON strings ("3.000000", "25/1"), hence the string-aware readers.
/// </summary>
internal static class FfprobeJsonParser
{
    /// <exception cref="JsonException">The text is not ffprobe JSON.</exception>
    public static MediaInfo Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var streams = root.TryGetProperty("streams", out var streamArray) && streamArray.ValueKind == JsonValueKind.Array
            ? streamArray.EnumerateArray().Select(ParseStream).ToList()
            : [];
        var streamDurations = streamArray.ValueKind == JsonValueKind.Array
            ? streamArray.EnumerateArray().Select(s => Double(s, "duration") ?? 0)
            : [];

        root.TryGetProperty("format", out var format);
        var duration = Double(format, "duration") ?? streamDurations.DefaultIfEmpty(0).Max();
        return new MediaInfo(duration, String(format, "format_name") ?? "", Long(format, "bit_rate"), streams);
    }

    private static MediaStreamInfo ParseStream(JsonElement stream)
    {
        var type = String(stream, "codec_type") switch
        {
            "video" => MediaStreamType.Video,
            "audio" => MediaStreamType.Audio,
            "subtitle" => MediaStreamType.Subtitle,
            _ => MediaStreamType.Other,
        };
        var tags = stream.TryGetProperty("tags", out var t) ? t : default;
        var disposition = stream.TryGetProperty("disposition", out var d) ? d : default;
        return new MediaStreamInfo(
            Index: (int)(Long(stream, "index") ?? 0),
            Type: type,
            Codec: String(stream, "codec_name") ?? "",
            Width: (int?)Long(stream, "width"),
            Height: (int?)Long(stream, "height"),
            FramesPerSecond: type == MediaStreamType.Video ? Rate(stream, "avg_frame_rate") ?? Rate(stream, "r_frame_rate") : null,
            Rotation: Rotation(stream, tags),
            BitRate: Long(stream, "bit_rate"),
            Channels: (int?)Long(stream, "channels"),
            SampleRate: (int?)Long(stream, "sample_rate"),
            Language: String(tags, "language") is { } language and not "und" ? language : null,
            IsAttachedPicture: Long(disposition, "attached_pic") == 1);
    }

    // Modern ffprobe moves the mp4 "rotate" tag into display-matrix side data; older files/builds still
    // carry the tag. The tag is clockwise, the side data counter-clockwise, so the tag is negated to
    // report one convention.
    private static int Rotation(JsonElement stream, JsonElement tags)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in sideData.EnumerateArray())
            {
                if (Double(entry, "rotation") is { } rotation)
                {
                    return (int)Math.Round(rotation);
                }
            }
        }

        return Long(tags, "rotate") is { } clockwise ? (int)-clockwise : 0;
    }

    private static double? Rate(JsonElement element, string name)
    {
        var text = String(element, name);
        var slash = text?.IndexOf('/') ?? -1;
        if (text is null || slash < 0)
        {
            return null;
        }

        var numerator = ParseDouble(text[..slash]);
        var denominator = ParseDouble(text[(slash + 1)..]);
        return numerator > 0 && denominator > 0 ? numerator / denominator : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static double? Double(JsonElement element, string name) =>
        String(element, name) is { } text && ParseDouble(text) is { } value ? value : null;

    private static long? Long(JsonElement element, string name) =>
        Double(element, name) is { } value ? (long)value : null;

    private static double? ParseDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
