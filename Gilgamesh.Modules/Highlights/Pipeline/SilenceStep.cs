using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Highlights.Pipeline;

/// <summary>The silence engine's result (no audio: <see cref="SilenceResult.HasAudio"/> false).</summary>
internal sealed record SilenceStepResult(SilenceResult Silence);

/// <summary>Stage 1: silences and speech stretches (the silence engine), also written whole to <c>highlights.silence_regions</c>.</summary>
internal sealed class SilenceStep(HighlightRequests requests, HighlightMedia media, MediaProbe probe, SilenceDetector detector, SilenceRegionStore silences)
    : IJobHandler<HighlightRef, SilenceStepResult>
{
    public Task<SilenceStepResult> ExecuteAsync(HighlightRef input, JobContext context, CancellationToken ct) =>
        requests.RunAsync(input.HighlightId, "silence", context, async (job, _) =>
        {
            context.Progress.Stage("fetching media");
            var file = await media.LocalOriginalAsync(job.Id, job.MediaId, ct);
            context.Progress.Stage("silence");
            var options = new SilenceOptions();
            var found = (await probe.ProbeAsync(file, ct)).PrimaryAudio is null
                ? SilenceResult.NoAudio(options)
                : await detector.DetectAsync(file, options, context.Progress.Part(0.05, 1), ct);
            await silences.ReplaceAsync(job.Id, found.Silences.Select(s => (s.Start, s.End, s.MeanDb)), ct);
            context.Progress.Log(found.HasAudio ? $"{found.Silences.Count} silences, {found.Speech.Count} speech stretches" : "no audio");
            return new SilenceStepResult(found);
        }, ct);
}
