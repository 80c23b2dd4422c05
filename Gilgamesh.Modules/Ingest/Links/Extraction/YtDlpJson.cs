using System.Text.Json;

namespace Gilgamesh.Modules.Ingest.Links.Extraction;

/// <summary>
/// Reads yt-dlp's <c>-J</c> output: a single video, or <c>_type: playlist</c> with <c>entries[]</c> (an Instagram
/// carousel is one). Each entry's file is its <c>url</c> (the selected single-file format), else the first of
/// <c>requested_formats</c>, else the last of <c>formats</c> (yt-dlp sorts them worst to best).
/// </summary>
internal static class YtDlpJson
{
    private static readonly string[] CaptionFormats = ["vtt", "srt"];

    public static IReadOnlyList<ExtractedMedia> Parse(string json, int maxEntries)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var entries = root.TryGetProperty("entries", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList()
            : [root];
        return entries.Take(maxEntries).Select(ParseEntry).OfType<ExtractedMedia>().ToList();
    }

    private static ExtractedMedia? ParseEntry(JsonElement entry)
    {
        var url = String(entry, "url")
                  ?? FirstUrl(entry, "requested_formats", last: false)
                  ?? FirstUrl(entry, "formats", last: true);
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        return new ExtractedMedia(uri, String(entry, "title") ?? String(entry, "id"), String(entry, "ext"), Captions(entry));
    }

    /// <summary>Uploaded subtitles before automatic captions; English first, else the first language; VTT before SRT.</summary>
    private static CaptionTrack? Captions(JsonElement entry)
    {
        foreach (var (property, automatic) in new[] { ("subtitles", false), ("automatic_captions", true) })
        {
            if (!entry.TryGetProperty(property, out var languages) || languages.ValueKind != JsonValueKind.Object) continue;
            var ordered = languages.EnumerateObject()
                .OrderBy(l => l.Name == "en" || l.Name.StartsWith("en-", StringComparison.Ordinal) ? 0 : 1);
            foreach (var language in ordered)
            {
                if (language.Value.ValueKind != JsonValueKind.Array) continue;
                foreach (var format in CaptionFormats)
                {
                    var track = language.Value.EnumerateArray().FirstOrDefault(t => String(t, "ext") == format);
                    if (track.ValueKind == JsonValueKind.Object && String(track, "url") is { } u && Uri.TryCreate(u, UriKind.Absolute, out var captionUri))
                        return new CaptionTrack(captionUri, language.Name, format, automatic);
                }
            }
        }
        return null;
    }

    private static string? FirstUrl(JsonElement entry, string property, bool last)
    {
        if (!entry.TryGetProperty(property, out var formats) || formats.ValueKind != JsonValueKind.Array) return null;
        var urls = formats.EnumerateArray().Select(f => String(f, "url")).OfType<string>().ToList();
        return urls.Count == 0 ? null : last ? urls[^1] : urls[0];
    }

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
