namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>
/// All URLs of one request at once (each waits for a fetch slot of the global limit), answered in request order:
/// result i is for URL i, whatever finished first.
/// </summary>
internal sealed class LinkBatchProcessor(LinkProcessor processor)
{
    public async Task<LinkResult[]> ProcessAsync(ProcessRequest request, Action<int, int>? progress, CancellationToken ct)
    {
        var done = 0;
        var tasks = request.Urls.Select(async url =>
        {
            var result = await processor.ProcessAsync(url, request.Options, request.OwnerId, ct);
            progress?.Invoke(Interlocked.Increment(ref done), request.Urls.Count);
            return result;
        });
        return await Task.WhenAll(tasks);
    }
}
