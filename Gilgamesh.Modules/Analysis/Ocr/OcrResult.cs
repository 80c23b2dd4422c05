namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// What <c>analyze ocr</c> prints. <see cref="Kind"/> is <c>image</c> or <c>video</c>. Images have one
/// frame; videos list frames only when asked (they can be many) and always the de-duplicated slides.
/// </summary>
internal sealed record OcrResult(string Kind, int Width, int Height, string Language, double SampleIntervalSeconds,
    IReadOnlyList<OcrFrame> Frames, IReadOnlyList<OcrSlide> Slides);
