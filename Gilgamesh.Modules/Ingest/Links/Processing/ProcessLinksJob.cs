using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>
/// <c>async: true</c>: the same batch as a job. Its input is the URL list and options (small by the per-request limit);
/// its result is the same array the synchronous call answers. Progress is URLs done over URLs asked. Re-running is
/// safe: finished URLs come back from the cache and the library dedupes by content.
/// </summary>
internal sealed class ProcessLinksJob(LinkBatchProcessor batch) : IJobHandler<ProcessRequest, LinkResult[]>
{
    public static readonly JobKind<ProcessRequest, LinkResult[]> Kind = new(IngestModule.ModuleName, "process-links");

    public async Task<LinkResult[]> ExecuteAsync(ProcessRequest request, JobContext context, CancellationToken cancellationToken)
    {
        context.Progress.Report(0, "fetching");
        var results = await batch.ProcessAsync(request,
            (done, total) => context.Progress.Report((double)done / Math.Max(1, total), $"{done} of {total} URLs"), cancellationToken);
        // The job's log says what each URL gave, so a failed fetch is readable without opening the result.
        foreach (var result in results) context.Progress.Log(Describe(result), result.Error is null ? "info" : "warning");
        return results;
    }

    internal static string Describe(LinkResult result) => result.Error is { } error
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{result.Url}: {error.Code}: {error.Message}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{result.Url}: {result.Items.Count} item(s) {string.Join(", ", result.Items.Select(i => $"{i.Kind} {i.MediaId}"))}" +
            $"{(result.Cached ? " (cached)" : "")} in {result.TookMs} ms");
}
