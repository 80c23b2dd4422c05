using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Ingest.Links.Extraction;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>
/// An item's transcript: from its captions when it has any (supplied with an upload or fetched with a URL), which
/// needs no speech model and is what the author wrote; otherwise from the speech model when one is configured.
/// With neither it fails with <c>speech.model_missing</c> and how to install a model (<see cref="TranscriptAvailability"/>):
/// asked for a transcript, a job must never succeed without one.
/// </summary>
internal sealed class TranscriptMaker(CaptionStore captions, IObjectStore store, ISpeechTranscriber speech, TranscriptAvailability availability,
    ILogger<TranscriptMaker> logger)
{
    /// <param name="localOriginal">Gets the original as a local file; only called when the speech model is needed.</param>
    public async Task<Transcript> MakeAsync(MediaItem item, Func<Task<string>> localOriginal, IProgress<double>? progress, CancellationToken ct)
    {
        if (await captions.FindAsync(item.Id, ct) is { } caption)
        {
            await using var read = await store.OpenReadAsync(caption.StorageKey, null, ct);
            using var reader = new StreamReader(read);
            var transcript = Captions.Parse(await reader.ReadToEndAsync(ct), Captions.FormatOf("x." + caption.Format));
            return transcript with { Language = caption.Language is CaptionStore.UnknownLanguage ? null : caption.Language };
        }
        if (await availability.RefusalAsync(item, ct) is { } refusal)
        {
            logger.LogWarning("Media {MediaId}: no transcript: {Code}: {Reason}", item.Id, refusal.Code, refusal.Message);
            throw refusal;
        }
        logger.LogInformation("Media {MediaId}: transcribing with {Model}", item.Id, speech.Status);
        return await speech.TranscribeAsync(await localOriginal(), null, progress, ct);
    }
}
