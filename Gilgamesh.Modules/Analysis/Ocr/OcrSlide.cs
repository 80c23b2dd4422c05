namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// One distinct text screen of a video (a slide), listed once even when it is shown again later:
/// every showing is an entry in <see cref="Appearances"/>. Lines come from its first sighting.
/// </summary>
internal sealed record OcrSlide(double Start, double End, string Text, double Confidence, IReadOnlyList<OcrLine> Lines, IReadOnlyList<TimeRange> Appearances);
