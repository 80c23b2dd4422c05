namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>Configuration section <c>Ingest:Library</c>.</summary>
internal sealed class LibraryOptions
{
    public const string Section = "Ingest:Library";

    /// <summary>Lifetime of the signed URLs in library responses: short, since a response is shown and then refreshed.</summary>
    public int SignedUrlTtlSeconds { get; set; } = 900;

    public TimeSpan SignedUrlTtl => TimeSpan.FromSeconds(Math.Clamp(SignedUrlTtlSeconds, 10, 86_400));
}
