using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Links.Cache;

/// <summary>The recurring job that removes expired cache entries (reads already ignore them; this keeps the table small).</summary>
internal sealed class LinkCachePurge(LinkCacheStore cache, ILogger<LinkCachePurge> logger)
{
    public const string RecurringJobId = "ingest-link-cache-purge";

    public async Task RunAsync()
    {
        var removed = await cache.PurgeExpiredAsync(CancellationToken.None);
        if (removed > 0) logger.LogInformation("Removed {Count} expired link cache entries", removed);
    }
}
