using System.Text.Json;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>
/// Bash scripts in yt-dlp's place (live extraction cannot run on the build machine). They use bash builtins only, so they
/// also run for an app whose PATH holds nothing but the script's own folder.
/// </summary>
internal static class YtDlpStandIn
{
    public const string CarouselUrl = "https://www.instagram.com/p/C0Carousel1/";

    /// <summary>
    /// Records its arguments in <paramref name="argsFile"/> and prints recorded <c>-J</c> JSON of a three-entry carousel
    /// (video with English captions, audio, image) whose media live on <paramref name="server"/>.
    /// </summary>
    public static void WriteCarousel(string path, string argsFile, MediaLinkServer server)
    {
        var entries = new object[]
        {
            Entry(server, "1", "first", "mp4", "/media/clip.mp4", new { en = new[] { new { ext = "vtt", url = server.Url("/captions.vtt") } } }),
            Entry(server, "2", "second", "wav", "/media/audio.wav", null),
            Entry(server, "3", "third", "jpg", "/media/still.jpg", null),
        };
        var json = JsonSerializer.Serialize(new { _type = "playlist", id = "C0Carousel1", title = "A carousel", extractor = "Instagram", entries });
        Write(path, $"printf '%s\\n' \"$*\" > {Quoted(argsFile)}\nprintf '%s\\n' {Quoted(json)}\n");
    }

    /// <summary>Fails the way yt-dlp does for a page none of its extractors knows.</summary>
    public static void WriteUnsupported(string path, string url) =>
        Write(path, $"echo {Quoted($"ERROR: Unsupported URL: {url}")} >&2\nexit 1\n");

    private static void Write(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/bash\n" + body);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    private static string Quoted(string text) => "'" + text.Replace("'", "'\\''") + "'";

    private static object Entry(MediaLinkServer server, string id, string title, string ext, string path, object? subtitles) => new
    {
        id, title, ext, url = server.Url(path), width = 640, height = 360, duration = 3.0,
        thumbnail = server.Url("/thumb.jpg"), subtitles = subtitles ?? new { },
    };
}
