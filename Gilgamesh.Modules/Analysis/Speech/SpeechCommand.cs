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
    private static readonly string[] Known = ["language", "task", "format", "captions"];

    public string Engine => "speech";

    public string Description => "timestamped transcript with Whisper (ONNX) or from --captions; --format json|srt|vtt";

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
            var transcriber = services.GetRequiredService<ISpeechTranscriber>();
            transcript = await transcriber.TranscribeAsync(file, new SpeechOptions(options.GetValueOrDefault("language"), task), cancellationToken: ct).ConfigureAwait(false);
        }

        return format switch
        {
            "srt" => new RawOutput(Captions.ToSrt(transcript)),
            "vtt" => new RawOutput(Captions.ToVtt(transcript)),
            _ => transcript,
        };
    }
}
