using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Ingest.Contracts;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Highlights.Pipeline;

/// <summary>
/// The transcript stage 2 reads, and where it came from: <c>speech</c>, <c>captions</c> or <c>none</c>;
/// <see cref="Note"/> says which and why in words (also in the processing log).
/// </summary>
internal sealed record TranscriptStepResult(string Source, string? Language, IReadOnlyList<TranscriptSegment> Segments, string Note)
{
    public Transcript? ToTranscript() => Segments.Count == 0 ? null : new Transcript(Language, Segments, Source);
}

/// <summary>
/// Stage 1: the speech engine when a model is installed; else the captions supplied with the media (the library's),
/// else captions given with the request; else none.
/// </summary>
internal sealed class TranscriptStep(HighlightRequests requests, HighlightMedia media, MediaProbe probe, ISpeechTranscriber speech,
    IMediaLibrary library, ProcessingLogStore log) : IJobHandler<HighlightRef, TranscriptStepResult>
{
    public Task<TranscriptStepResult> ExecuteAsync(HighlightRef input, JobContext context, CancellationToken ct) =>
        requests.RunAsync(input.HighlightId, "transcript", context, async (job, options) =>
        {
            var result = await TranscribeAsync(job.Id, job.MediaId, options, context.Progress, ct);
            context.Progress.Log(result.Note);
            await log.AppendAsync(job.Id, "transcript", result.Source == "none" ? "warning" : "info", result.Note, ct);
            return result;
        }, ct);

    private async Task<TranscriptStepResult> TranscribeAsync(Guid highlightId, Guid mediaId, HighlightOptions options, IJobProgress progress, CancellationToken ct)
    {
        if (speech.IsAvailable)
        {
            progress.Stage("fetching media");
            var file = await media.LocalOriginalAsync(highlightId, mediaId, ct);
            if ((await probe.ProbeAsync(file, ct)).PrimaryAudio is not null)
            {
                progress.Stage("speech to text");
                var spoken = await speech.TranscribeAsync(file, new SpeechOptions(options.Language), progress.Part(0.05, 1), ct);
                return new TranscriptStepResult(Transcript.SpeechSource, spoken.Language, spoken.Segments, "speech engine: " + speech.Status);
            }
        }

        if (await library.GetCaptionsAsync(mediaId, ct) is { } supplied)
        {
            var parsed = Captions.Parse(supplied.Text, supplied.Format == "vtt" ? CaptionFormat.Vtt : CaptionFormat.Srt);
            return new TranscriptStepResult(Transcript.CaptionsSource, supplied.Language == "und" ? options.Language : supplied.Language, parsed.Segments,
                $"captions supplied with the media ({supplied.Format}, {parsed.Segments.Count} cues; no speech model: {speech.Status})");
        }

        if (options.Captions is { } captions)
        {
            var parsed = Captions.Parse(captions, HighlightOptions.CaptionFormatOf(captions));
            return new TranscriptStepResult(Transcript.CaptionsSource, options.Language, parsed.Segments,
                $"captions supplied with the request ({parsed.Segments.Count} cues; no speech model: {speech.Status})");
        }

        return new TranscriptStepResult("none", null, [], $"no transcript: no speech model ({speech.Status}) and no captions supplied with the media");
    }
}
