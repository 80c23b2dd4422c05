using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// <c>analyze speech &lt;file&gt; [--language xx] [--task transcribe|translate] [--format json|srt|vtt] [--captions file.srt|vtt]</c>.
/// With <c>--captions</c> the transcript comes from the caption file (no model needed); srt and vtt print
/// the captions themselves rather than JSON.
/// </summary>
internal sealed class SpeechCommand : IAnalysisCommand
{
    private static readonly string[] Known = ["language", "task", "format", "captions", "slides", "slide-prompt"];

    public string Engine => "speech";

    public string Description => "timestamped transcript with Whisper.net or Whisper ONNX (Speech:Engine), or from --captions; --format json|srt|vtt; --slides slides.json";

    public async Task<object> RunAsync(string file, IReadOnlyDictionary<string, string> options, IServiceProvider services, CancellationToken ct)
    {
        foreach (var key in options.Keys.Where(k => !Known.Contains(k, StringComparer.OrdinalIgnoreCase)))
            throw new GilgameshException(SpeechErrorCodes.InvalidOption, $"--{key} is not an option of analyze speech (options: {string.Join(", ", Known.Select(k => "--" + k))})", 400);
        var format = options.GetValueOrDefault("format", "json").ToLowerInvariant();
        if (format is not ("json" or "srt" or "vtt"))
            throw new GilgameshException(SpeechErrorCodes.InvalidOption, $"--format expects json, srt or vtt, got '{format}'", 400);
        var task = options.GetValueOrDefault("task", "transcribe").ToLowerInvariant() switch
        {
            "transcribe" => SpeechTask.Transcribe,
            "translate" => SpeechTask.Translate,
            var other => throw new GilgameshException(SpeechErrorCodes.InvalidOption, $"--task expects transcribe or translate, got '{other}'", 400),
        };

        Transcript transcript;
        if (options.TryGetValue("captions", out var captions))
        {
            if (!File.Exists(captions)) throw new GilgameshException(SpeechErrorCodes.InvalidOption, $"--captions file '{captions}' does not exist", 400);
            transcript = Captions.Read(captions);
        }
        else
        {
            var slidePrompt = options.GetValueOrDefault("slide-prompt", "on").ToLowerInvariant() switch
            {
                "on" => true,
                "off" => false,
                var other => throw new GilgameshException(SpeechErrorCodes.InvalidOption, $"--slide-prompt expects on or off, got '{other}'", 400),
            };
            var slides = options.TryGetValue("slides", out var slidesFile) ? ReadSlides(slidesFile) : null;
            var transcriber = services.GetRequiredService<ISpeechTranscriber>();
            transcript = await transcriber.TranscribeAsync(file, new SpeechOptions(options.GetValueOrDefault("language"), task, slidePrompt, slides), cancellationToken: ct).ConfigureAwait(false);
        }

        return format switch
        {
            "srt" => new RawOutput(Captions.ToSrt(transcript)),
            "vtt" => new RawOutput(Captions.ToVtt(transcript)),
            _ => transcript,
        };
    }

    /// <summary>Slide OCR text as <c>[{"start": s, "end": s, "text": "…"}]</c> (what the OCR engine's slides reduce to).</summary>
    private static List<SlideText> ReadSlides(string path)
    {
        if (!File.Exists(path)) throw new GilgameshException(SpeechErrorCodes.InvalidOption, $"--slides file '{path}' does not exist", 400);
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<SlideText>>(File.ReadAllText(path), System.Text.Json.JsonSerializerOptions.Web) ?? [];
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new GilgameshException(SpeechErrorCodes.InvalidOption, $"--slides file '{path}' is not a JSON array of {{start, end, text}}: {e.Message}", 400);
        }
    }
}
