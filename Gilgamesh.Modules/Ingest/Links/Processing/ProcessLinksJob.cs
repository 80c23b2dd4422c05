using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>
/// <c>async: true</c>: the same batch as a job. Its input is the URL list and options (small by the per-request limit);
/// its result is the same array the synchronous call answers. Progress is URLs done over URLs asked. Re-running is
/// safe: finished URLs come back from the cache and the library dedupes by content.
/// </summary>
internal sealed class ProcessLinksJob(LinkBatchProcessor batch) : IJobHandler
{
    public const string KindName = "process-links";

    public string Module => IngestModule.ModuleName;
    public string Kind => KindName;

    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var request = context.GetInput<ProcessRequest>();
        context.Progress.Report(0, "fetching");
        context.Result = await batch.ProcessAsync(request,
            (done, total) => context.Progress.Report(100.0 * done / Math.Max(1, total), $"{done} of {total} URLs"), cancellationToken);
    }
}
