using System.Text.Json.Serialization;

namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// What <c>analyze rhythm</c> returns; times in seconds (ms precision). A file without audio gives
/// <see cref="HasAudio"/> = false and empty lists rather than an error.
/// </summary>
internal sealed record RhythmResult(
    bool HasAudio,
    double Duration,
    TempoEstimate Tempo,
    int BeatsPerBar,
    IReadOnlyList<Beat> Beats,
    IReadOnlyList<double> Downbeats,
    IReadOnlyList<Section> Sections,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RhythmFeatures? Features)
{
    public static RhythmResult Empty(double duration) =>
        new(false, duration, new TempoEstimate(0, 0, []), DownbeatDetector.BeatsPerBar, [], [], [], null);
}

/// <summary>One beat: its bar (1-based; 0 for a pickup before the first downbeat), position in the bar (1 = downbeat), local tempo and 0–1 energy.</summary>
internal sealed record Beat(double Time, int Bar, int Position, double Bpm, double Energy);

/// <summary>A song section; equal labels mean similar sections, a prime (A′) a close variant.</summary>
internal sealed record Section(double Start, double End, string Label);

/// <summary>
/// Per-frame features at <see cref="FrameRate"/> for dance generation: onset strength (0–1), 20 MFCC,
/// 12 chroma (C first), and whether an onset peak or a beat falls in the frame.
/// </summary>
internal sealed record RhythmFeatures(
    double FrameRate,
    int FrameCount,
    float[] Onset,
    float[][] Mfcc,
    float[][] Chroma,
    bool[] OnsetPeak,
    bool[] Beat);
