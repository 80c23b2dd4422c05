namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>Stable error codes of the OCR engine (documented in docs/analysis/ocr.md and docs/errors.md).</summary>
internal static class OcrErrorCodes
{
    public const string TesseractMissing = "ocr.tesseract_missing";
    public const string LanguageMissing = "ocr.language_missing";
    public const string TesseractFailed = "ocr.tesseract_failed";
    public const string InvalidOption = "ocr.invalid_option";
}
