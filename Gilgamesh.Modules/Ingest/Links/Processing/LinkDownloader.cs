using Gilgamesh.Modules.Ingest.Links.Extraction;
using Gilgamesh.Modules.Ingest.Links.Fetching;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>
/// Gets every media file behind one URL into its temp folder. Platform hosts go to yt-dlp for the list of files; other
/// URLs are fetched directly, and when they turn out to be a web page, yt-dlp (its generic extractor finds embedded
/// video) is asked if it is installed, else the page is <c>link.unsupported</c>. Every file, whoever found it, is
/// downloaded by <see cref="DirectFetcher"/>.
/// </summary>
internal sealed class LinkDownloader(DirectFetcher fetcher, YtDlpExtractor ytDlp, ExtractorRouting routing, ILogger<LinkDownloader> logger)
{
    public async Task<IReadOnlyList<DownloadedMedia>> DownloadAsync(Uri uri, string folder, CancellationToken ct)
    {
        if (routing.IsPlatform(uri)) return await DownloadExtractedAsync(uri, folder, ct);

        var direct = await fetcher.FetchAsync(uri, folder, FetchPurpose.Media, ct);
        if (!direct.IsPage) return [new DownloadedMedia(direct.Path!, direct.FileName ?? uri.Host, null)];
        if (!ytDlp.IsAvailable)
            throw LinkFailure.Unsupported("The URL is a web page, not a media file, and yt-dlp is not installed to look inside it.");
        return await DownloadExtractedAsync(direct.FinalUri, folder, ct);
    }

    private async Task<IReadOnlyList<DownloadedMedia>> DownloadExtractedAsync(Uri page, string folder, CancellationToken ct)
    {
        var entries = await ytDlp.ExtractAsync(page, ct);
        var downloads = new List<DownloadedMedia>(entries.Count);
        foreach (var entry in entries)
        {
            var file = await fetcher.FetchAsync(entry.MediaUrl, folder, FetchPurpose.Media, ct);
            if (file.IsPage) throw LinkFailure.Unsupported($"yt-dlp pointed at {entry.MediaUrl.Host}, which served a web page instead of media.");
            var name = entry.Title is { Length: > 0 } title ? $"{title}.{entry.Extension ?? "bin"}" : file.FileName ?? page.Host;
            downloads.Add(new DownloadedMedia(file.Path!, name, await CaptionsAsync(entry.Captions, folder, ct)));
        }
        return downloads;
    }

    /// <summary>Captions are a bonus: when they cannot be fetched the media still counts (logged, not failed).</summary>
    private async Task<DownloadedCaptions?> CaptionsAsync(CaptionTrack? track, string folder, CancellationToken ct)
    {
        if (track is null) return null;
        try
        {
            var file = await fetcher.FetchAsync(track.Url, folder, FetchPurpose.Captions, ct);
            return file.IsPage ? null : new DownloadedCaptions(track, file.Path!);
        }
        catch (LinkFailure e)
        {
            logger.LogWarning("Captions at {Host} could not be fetched: {Code} {Message}", track.Url.Host, e.Code, e.Message);
            return null;
        }
    }
}
