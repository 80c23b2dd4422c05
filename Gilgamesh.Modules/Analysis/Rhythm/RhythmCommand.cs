using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary><c>gilgamesh analyze rhythm &lt;file&gt; [--features]</c>: tempo, beats, bars, energy, sections (docs/analysis/rhythm.md).</summary>
internal sealed class RhythmCommand : IAnalysisCommand
{
    public const string InvalidOption = "analysis.invalid_option";

    public string Engine => "rhythm";

    public string Description => "tempo, beats, downbeats, per-beat energy and sections; --features adds 30 fps MFCC/chroma/onsets";

    public async Task<object> RunAsync(string file, IReadOnlyDictionary<string, string> options, IServiceProvider services, CancellationToken ct)
    {
        var includeFeatures = false;
        foreach (var (key, value) in options)
        {
            includeFeatures = key.ToLowerInvariant() switch
            {
                "features" when value is "true" or "1" => true,
                "features" when value is "false" or "0" => false,
                "features" => throw new GilgameshException(InvalidOption, $"--features takes no value (or true/false), got '{value}'"),
                _ => throw new GilgameshException(InvalidOption, $"unknown option --{key} for rhythm; available: --features"),
            };
        }
        var decoder = services.GetRequiredService<PcmDecoder>();
        return await RhythmAnalyzer.AnalyzeAsync(decoder.DecodeAsync(file, RhythmAnalyzer.SampleRate, ct), includeFeatures, null, ct).ConfigureAwait(false);
    }
}
