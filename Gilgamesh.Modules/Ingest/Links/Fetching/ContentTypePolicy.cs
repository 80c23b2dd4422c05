namespace Gilgamesh.Modules.Ingest.Links.Fetching;

/// <summary>Judges a response's Content-Type before its body is read.</summary>
internal static class ContentTypePolicy
{
    public static bool IsPage(string? mediaType) => mediaType is "text/html" or "application/xhtml+xml";

    /// <summary>No Content-Type at all is let through: the library classifies by the bytes anyway.</summary>
    public static bool Accepts(FetchPurpose purpose, string? mediaType) => purpose switch
    {
        FetchPurpose.Captions => mediaType is null or "text/vtt" or "text/plain" or "application/x-subrip" or "text/srt"
            or "application/octet-stream" or "application/ttml+xml" or "text/xml" or "application/xml",
        _ => mediaType is null or "application/octet-stream" or "binary/octet-stream" or "application/mp4" or "application/ogg"
             || mediaType.StartsWith("video/", StringComparison.Ordinal)
             || mediaType.StartsWith("audio/", StringComparison.Ordinal)
             || mediaType.StartsWith("image/", StringComparison.Ordinal),
    };
}
