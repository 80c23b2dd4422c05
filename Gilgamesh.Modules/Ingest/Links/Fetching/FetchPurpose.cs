namespace Gilgamesh.Modules.Ingest.Links.Fetching;

/// <summary>What a download is for, which decides the content types it accepts.</summary>
internal enum FetchPurpose
{
    /// <summary>Audio, video, images or octet-stream; an HTML page is reported as a page.</summary>
    Media,

    /// <summary>A caption file (WebVTT, SubRip): text is what we want here.</summary>
    Captions,
}

/// <summary>A finished download in the URL's temp folder, or the news that the URL is a web page.</summary>
internal sealed record FetchResult(Uri FinalUri, string? Path, string? ContentType, string? FileName, long Length)
{
    public bool IsPage => Path is null;
}
