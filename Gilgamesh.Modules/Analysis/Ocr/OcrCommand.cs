using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary><c>gilgamesh analyze ocr &lt;image-or-video&gt; [--lang eng] [--psm 3] [--interval 2] [--scale 0] [--min-confidence 40] [--frames] [--times 1.5,42] [--tesseract path]</c>.</summary>
internal sealed class OcrCommand : IAnalysisCommand
{
    public string Engine => "ocr";

    public string Description => "text blocks and lines with boxes (tesseract) from an image, or de-duplicated slide text from a video";

    public async Task<object> RunAsync(string file, IReadOnlyDictionary<string, string> options, IServiceProvider services, CancellationToken ct)
    {
        var engine = new OcrEngine(services.GetRequiredService<FrameDecoder>(), services.GetRequiredService<MediaProbe>());
        return await engine.RunAsync(file, Parse(options), null, ct).ConfigureAwait(false);
    }

    public static OcrOptions Parse(IReadOnlyDictionary<string, string> options)
    {
        var result = new OcrOptions();
        foreach (var (key, value) in options)
        {
            result = key.ToLowerInvariant() switch
            {
                "lang" => result with { Languages = value },
                "psm" => result with { PageSegmentationMode = (int)Number(key, value) },
                "interval" => result with { SampleIntervalSeconds = Number(key, value) },
                "scale" => result with { Scale = (int)Number(key, value) },
                "min-confidence" => result with { MinWordConfidence = Number(key, value) },
                "frames" => result with { IncludeFrames = value != "false" },
                "tesseract" => result with { TesseractPath = value },
                "times" => result with { Times = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => Number(key, t)).ToList() },
                _ => throw new GilgameshException(OcrErrorCodes.InvalidOption, $"unknown ocr option --{key}", 400),
            };
        }
        return result;
    }

    private static double Number(string key, string value) => AnalysisOption.Number(key, value, OcrErrorCodes.InvalidOption);
}
