namespace Gilgamesh.Modules.Analysis.Vad;

/// <summary>Stable error codes of voice activity detection (docs/errors.md, docs/analysis/vad.md).</summary>
internal static class VadErrorCodes
{
    public const string ModelMissing = "vad.model_missing";
    public const string ModelInvalid = "vad.model_invalid";
    public const string InvalidOption = "vad.invalid_option";
}
