using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Ingest.Links.Extraction;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>
/// An item's transcript: from its captions when it has any (supplied with an upload or fetched with a URL), which
/// needs no speech model and is what the author wrote; otherwise from the speech model when one is configured.
/// With neither the item simply has no transcript (logged with <c>speech.model_missing</c>), and callers carry on.
/// </summary>
internal sealed class TranscriptMaker(CaptionStore captions, IObjectStore store, ISpeechTranscriber speech, ILogger<TranscriptMaker> logger)
{
    /// <param name="localOriginal">Gets the original as a local file; only called when the speech model is needed.</param>
    public async Task<Transcript?> MakeAsync(MediaItem item, Func<Task<string>> localOriginal, IProgress<double>? progress, CancellationToken ct)
    {
        if (await captions.FindAsync(item.Id, ct) is { } caption)
        {
            await using var read = await store.OpenReadAsync(caption.StorageKey, null, ct);
            using var reader = new StreamReader(read);
            var transcript = Captions.Parse(await reader.ReadToEndAsync(ct), Captions.FormatOf("x." + caption.Format));
            return transcript with { Language = caption.Language is CaptionStore.UnknownLanguage ? null : caption.Language };
        }
        if (item.Kind is not (MediaKinds.Audio or MediaKinds.Video)) return null;
        if (!speech.IsAvailable)
        {
            logger.LogInformation("Media {MediaId} has no captions and {Code}: {Status}; no transcript",
                item.Id, SpeechErrorCodes.ModelMissing, speech.Status);
            return null;
        }
        return await speech.TranscribeAsync(await localOriginal(), null, progress, ct);
    }
}
