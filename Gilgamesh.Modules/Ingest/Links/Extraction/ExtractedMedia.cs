namespace Gilgamesh.Modules.Ingest.Links.Extraction;

/// <summary>One media file a platform page offers (a carousel offers several), as yt-dlp reported it.</summary>
internal sealed record ExtractedMedia(Uri MediaUrl, string? Title, string? Extension, CaptionTrack? Captions);

/// <summary>A caption file offered for a media entry; <see cref="Automatic"/> for machine captions.</summary>
internal sealed record CaptionTrack(Uri Url, string Language, string Format, bool Automatic);
