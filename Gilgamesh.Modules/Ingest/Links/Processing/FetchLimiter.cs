using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>
/// The global limit on simultaneous URL fetches of this instance, across all requests and jobs: a
/// <see cref="ConcurrencyLimiter"/> with a bounded FIFO queue. A synchronous request is admitted only when all its URLs
/// fit (free slots + free queue places); otherwise it is answered 429 as a whole, so a client never gets half a batch.
/// </summary>
internal sealed class FetchLimiter : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly int _queueLimit;

    public FetchLimiter(IOptions<LinksOptions> options)
    {
        _queueLimit = Math.Max(0, options.Value.QueueLimit);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.MaxConcurrentFetches),
            QueueLimit = _queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Whether <paramref name="urls"/> more fetches would find a slot or a queue place now.</summary>
    public bool CanAdmit(int urls)
    {
        var stats = _limiter.GetStatistics();
        return stats is null || urls <= stats.CurrentAvailablePermits + (_queueLimit - (int)stats.CurrentQueuedCount);
    }

    /// <summary>Waits for a slot; a lease that is not acquired means the queue was full.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken ct) => _limiter.AcquireAsync(1, ct);

    public void Dispose() => _limiter.Dispose();
}
