using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Links.Extraction;

/// <summary>Which URLs are platform pages for yt-dlp rather than files for the direct fetcher (by configured host).</summary>
internal sealed class ExtractorRouting(IOptions<LinksOptions> options)
{
    private readonly string[] _hosts = options.Value.ExtractorHosts.Select(h => h.Trim().TrimStart('.').ToLowerInvariant()).ToArray();

    public bool IsPlatform(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant().TrimEnd('.');
        return _hosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal));
    }
}
