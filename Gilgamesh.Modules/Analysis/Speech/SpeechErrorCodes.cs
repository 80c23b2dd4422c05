namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Stable error codes of speech to text and captions (documented in docs/errors.md and docs/analysis/speech.md).
/// Public so callers (ingest) can tell "no model here, carry on without a transcript" from real failures.
/// </summary>
public static class SpeechErrorCodes
{
    public const string ModelMissing = "speech.model_missing";
    public const string ModelInvalid = "speech.model_invalid";
    public const string InvalidOption = "speech.invalid_option";
    public const string CaptionsInvalid = "captions.invalid";
    public const string ModelDownloadFailed = "speech.download_failed";
}
