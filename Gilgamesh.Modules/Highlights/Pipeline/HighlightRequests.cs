using System.Text.Json;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Highlights.Pipeline;

/// <summary>
/// What every step does around its work: read the request (row and options), mark it running, and on a failure
/// record the step and the error on the request (the kernel keeps the step's own error; a retry marks it running
/// again). Cancellation is not a failure of the request. <see cref="HighlightsOptions.FaultDrillStep"/> rehearses a retry.
/// </summary>
internal sealed class HighlightRequests(HighlightJobStore jobs, ProcessingLogStore log, HighlightsOptions settings)
{
    public async Task<TResult> RunAsync<TResult>(Guid highlightId, string step, JobContext context, Func<HighlightJob, HighlightOptions, Task<TResult>> work,
        CancellationToken ct)
    {
        var job = await jobs.GetAsync(highlightId, ct) ?? throw new InvalidOperationException($"highlights request {highlightId} is missing");
        var options = JsonSerializer.Deserialize<HighlightOptions>(job.Options, JobJson.Options)!;
        if (job.Status != "running") await jobs.SetStatusAsync(highlightId, "running", null, null, null, null, ct);
        try
        {
            var result = await work(job, options);
            // The drill fails after the work is done (its writes made, its result lost): the worst moment for a retry.
            if (settings.FaultDrillStep == step && context.Job.Attempts == 1)
                throw new IOException($"fault drill (Highlights:FaultDrillStep): '{step}' fails once after its work");
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await jobs.SetStatusAsync(highlightId, "failed", null, null, "highlights.step_failed", $"{step}: {e.Message}", CancellationToken.None);
            await log.AppendAsync(highlightId, step, "error", e.Message, CancellationToken.None);
            throw;
        }
    }
}
