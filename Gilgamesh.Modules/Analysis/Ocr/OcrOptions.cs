namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// OCR settings. <see cref="Scale"/> 0 means automatic: small frames (height under 1000 px) are upscaled
/// 2x because tesseract reads best with capital letters 20+ px tall and 16 px text on 720p is ~11 px.
/// </summary>
internal sealed record OcrOptions
{
    public string Languages { get; init; } = "eng";
    public int PageSegmentationMode { get; init; } = 3;
    public double SampleIntervalSeconds { get; init; } = 2;
    public int Scale { get; init; }
    public double MinWordConfidence { get; init; } = 40;
    public bool IncludeFrames { get; init; }
    public string TesseractPath { get; init; } = "tesseract";

    /// <summary>Video: read only the frames nearest these times (seconds), e.g. scene keyframes, instead of sampling every interval.</summary>
    public IReadOnlyList<double>? Times { get; init; }

    /// <summary>Decode rate when <see cref="Times"/> is given: frames a quarter second apart, so a requested time is met within 125 ms.</summary>
    public const double TimesDecodeFps = 4;

    public int ScaleFor(int height) => Scale > 0 ? Scale : height < 1000 ? 2 : 1;
}
