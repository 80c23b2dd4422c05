namespace Gilgamesh.Modules.Choreography.Blueprints;

/// <summary>
/// A choreography blueprint: a song's beat grid and the moves that fill it, slot by slot, plus how to render
/// it and what generated it. Serialised in snake_case (see <see cref="BlueprintJson"/>) and validated against
/// <see cref="BlueprintSchema"/>; ids only, never paths.
/// </summary>
internal sealed record Blueprint(
    int SchemaVersion,
    Guid TaskId,
    BlueprintSong Song,
    IReadOnlyList<BlueprintSlot> MovesUsed,
    VideoOutput VideoOutput,
    GeneratorInfo Generator);

/// <summary>The song and the (possibly user-corrected) grid the moves were fitted to; times in seconds.</summary>
internal sealed record BlueprintSong(Guid MediaId, double Bpm, IReadOnlyList<double> Beats, IReadOnlyList<double> Downbeats, double Duration);

/// <summary>
/// One slot of the timeline. The clip plays at <see cref="Speed"/> (song BPM ÷ move BPM) between
/// <see cref="HoldStart"/> and <see cref="Duration"/> − <see cref="HoldEnd"/>; the holds are still frames
/// (a pickup before the first downbeat, the tail after the last beat), so the slots cover the song exactly.
/// </summary>
internal sealed record BlueprintSlot(
    Guid MoveId,
    int StartBeat,
    double StartTime,
    double Duration,
    double Speed,
    bool Mirror,
    SlotTransition? Transition,
    int Counts,
    double HoldStart,
    double HoldEnd,
    double AccentTime,
    IReadOnlyList<string>? Reasons);

/// <summary>How the slot is joined to the previous one; <see cref="Cost"/> is the end → start posture distance.</summary>
internal sealed record SlotTransition(string Kind, double Duration, double Cost);

internal sealed record VideoOutput(string Resolution, double Fps, string Codec);

internal sealed record GeneratorInfo(long Seed, string Version, string Analyzer);
