using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Ingest.Links.Extraction;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>
/// Whether an item can get a transcript: from its captions, or from the speech model. Asked up front by the API
/// (<c>POST …/analyses</c> answers 409 <c>speech.model_missing</c>), shown by the page (the button says why it is off),
/// and checked again by the job, which fails with the same code — a transcript run never "succeeds" with nothing.
/// </summary>
internal sealed class TranscriptAvailability(CaptionStore captions, ISpeechTranscriber speech)
{
    public const string HowTo = "Install a speech model with `./gilgamesh models pull base` (or `tiny`, `small`; see `./gilgamesh models list`) "
                                + "and restart, or supply captions with PUT /api/v1/ingest/media/{id}/captions.";

    /// <summary>Null when a transcript can be made, else the refusal (code <c>speech.model_missing</c> or <c>analysis.unsupported</c>).</summary>
    public async Task<GilgameshException?> RefusalAsync(MediaItem item, CancellationToken ct)
    {
        if (await captions.FindAsync(item.Id, ct) is not null) return null;
        if (item.Kind is not (MediaKinds.Audio or MediaKinds.Video))
            return new GilgameshException(IngestErrorCodes.AnalysisUnsupported, $"A {item.Kind} has no speech to transcribe.", 409);
        if (speech.IsAvailable) return null;
        return new GilgameshException(SpeechErrorCodes.ModelMissing,
            $"No speech model is installed ({speech.Status}). {HowTo.Replace("{id}", item.Id.ToString(), StringComparison.Ordinal)}", 409);
    }
}
