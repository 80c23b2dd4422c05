using Gilgamesh.Modules.Ingest.Links.Extraction;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>One media file of a URL, downloaded into the URL's temp folder, with its caption file when one was offered.</summary>
internal sealed record DownloadedMedia(string Path, string DisplayName, DownloadedCaptions? Captions);

internal sealed record DownloadedCaptions(CaptionTrack Track, string Path);
