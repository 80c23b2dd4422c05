using System.Collections.Concurrent;
using Gilgamesh.Modules.Analysis.Rhythm;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Rhythm;

/// <summary>Each ground-truth file analysed once per test process (several tests assert on the same result).</summary>
internal static class RhythmFiles
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<RhythmResult>>> Results = new();

    public static Task<RhythmResult> AnalyzeAsync(RhythmTruth truth, bool features = false) =>
        Results.GetOrAdd($"{truth.Path}|{features}", _ => new Lazy<Task<RhythmResult>>(() =>
            RhythmAnalyzer.AnalyzeAsync(MediaTools.PcmDecoder.DecodeAsync(truth.Path, RhythmAnalyzer.SampleRate), features, null, CancellationToken.None))).Value;

    public static double[] BeatTimes(this RhythmResult result) => result.Beats.Select(b => b.Time).ToArray();

    /// <summary>The hard set: octave errors allowed. Noise at 0 dB SNR, a sparse pattern under a loud pad, syncopation, four-on-the-floor.</summary>
    public static Task<RhythmTruth> HardAsync(string name) => name switch
    {
        "noisy" => RhythmGroundTruth.SteadyAsync(120, noise: 0.5, name: "hard-noisy"),
        "sparse" => RhythmGroundTruth.SteadyAsync(85, pattern: RhythmGroundTruth.Sparse, padLevel: 0.15, name: "hard-sparse"),
        "syncopated" => RhythmGroundTruth.SteadyAsync(150, pattern: RhythmGroundTruth.Syncopated, name: "hard-syncopated"),
        "four-on-the-floor" => RhythmGroundTruth.SteadyAsync(124, pattern: RhythmGroundTruth.FourOnTheFloor, name: "hard-four"),
        _ => throw new ArgumentException(name),
    };
}
