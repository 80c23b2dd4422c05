using System.ComponentModel;
using Gilgamesh.Modules.Ingest.Links.Processing;
using Gilgamesh.Modules.Kernel.Hosting;

namespace Gilgamesh.Modules.Ingest.Links.Extraction;

/// <summary>
/// Asks yt-dlp what a platform page holds (<c>-J</c>, metadata only; nothing is downloaded by yt-dlp). The media files
/// it reports are then downloaded by <see cref="Fetching.DirectFetcher"/>, so the SSRF guard, size limit and timeout
/// apply to them like to any URL. The format chosen is the best single file with both audio and video, because
/// merging separate DASH streams would need an ffmpeg pass per item.
/// </summary>
internal sealed class YtDlpExtractor(YtDlpLocator locator)
{
    public const int MaxEntries = 50;

    public bool IsAvailable => locator.Find() is not null;

    public async Task<IReadOnlyList<ExtractedMedia>> ExtractAsync(Uri page, CancellationToken ct)
    {
        var executable = locator.Find() ?? throw Unavailable();
        string[] arguments =
        [
            "-J", "--no-warnings", "--no-playlist", "--playlist-end", MaxEntries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-f", "best[vcodec!=none][acodec!=none]/best", "--", page.AbsoluteUri,
        ];
        ExternalProcess.Result result;
        try
        {
            result = await ExternalProcess.RunAsync(executable, arguments, ct);
        }
        catch (Win32Exception)
        {
            throw Unavailable();
        }
        if (result.ExitCode != 0) throw Classify(result.StdErr);
        try
        {
            var media = YtDlpJson.Parse(result.StdOut, MaxEntries);
            return media.Count > 0 ? media : throw LinkFailure.Unavailable("yt-dlp found no downloadable media on the page.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new LinkFailure(IngestErrorCodes.ContentUnavailable, $"yt-dlp printed something that is not JSON: {e.Message}", false, e);
        }
    }

    private static LinkFailure Unavailable() =>
        new(IngestErrorCodes.ExtractorUnavailable, "This page needs yt-dlp, which is not installed (Debian package yt-dlp, or Ingest:Links:YtDlpPath).", false);

    private static LinkFailure Classify(string stderr)
    {
        var tail = stderr.Length > 500 ? stderr[^500..] : stderr;
        tail = tail.Trim();
        if (tail.Contains("Unsupported URL", StringComparison.OrdinalIgnoreCase))
            return LinkFailure.Unsupported($"yt-dlp does not support this page: {tail}");
        if (tail.Contains("timed out", StringComparison.OrdinalIgnoreCase) || tail.Contains("HTTP Error 5", StringComparison.Ordinal)
            || tail.Contains("HTTP Error 429", StringComparison.Ordinal))
            return LinkFailure.Failed($"yt-dlp could not reach the page: {tail}");
        return LinkFailure.Unavailable($"yt-dlp could not extract the page: {tail}");
    }
}
