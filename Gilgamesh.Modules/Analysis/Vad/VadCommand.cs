using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Analysis.Vad;

/// <summary>
/// <c>analyze vad &lt;file&gt; [--engine silero|energy] [--threshold 0.5]</c>: speech regions. <c>silero</c> (default) is
/// the neural VAD; <c>energy</c> is the silence engine's speech intervals (adaptive loudness threshold), for
/// comparison — docs/analysis/vad.md has both engines' F1 on speech over silence, noise, music and applause.
/// </summary>
internal sealed class VadCommand : IAnalysisCommand
{
    private static readonly string[] Known = ["engine", "threshold"];

    public string Engine => "vad";

    public string Description => "speech regions with Silero VAD (or --engine energy: the silence engine's speech)";

    public async Task<object> RunAsync(string file, IReadOnlyDictionary<string, string> options, IServiceProvider services, CancellationToken ct)
    {
        foreach (var key in options.Keys.Where(k => !Known.Contains(k, StringComparer.OrdinalIgnoreCase)))
            throw new GilgameshException(VadErrorCodes.InvalidOption, $"--{key} is not an option of analyze vad (options: {string.Join(", ", Known.Select(k => "--" + k))})", 400);
        var engine = options.GetValueOrDefault("engine", "silero").ToLowerInvariant();
        switch (engine)
        {
            case "silero":
                var detector = services.GetRequiredService<VoiceActivityDetector>();
                var vadOptions = detector.DefaultOptions;
                if (options.TryGetValue("threshold", out var text))
                {
                    var threshold = AnalysisOption.Number("threshold", text, VadErrorCodes.InvalidOption);
                    if (threshold is <= 0 or >= 1) throw new GilgameshException(VadErrorCodes.InvalidOption, $"--threshold expects a probability between 0 and 1, got {text}", 400);
                    vadOptions = vadOptions with { Threshold = threshold };
                }
                return await detector.DetectAsync(file, vadOptions, cancellationToken: ct).ConfigureAwait(false);
            case "energy":
                var silence = await new SilenceDetector(services.GetRequiredService<PcmDecoder>(), services.GetRequiredService<MediaProbe>())
                    .DetectAsync(file, new SilenceOptions(), cancellationToken: ct).ConfigureAwait(false);
                return new VadResult("energy", silence.DurationSeconds, silence.Speech);
            default:
                throw new GilgameshException(VadErrorCodes.InvalidOption, $"--engine expects silero or energy, got '{engine}'", 400);
        }
    }
}
