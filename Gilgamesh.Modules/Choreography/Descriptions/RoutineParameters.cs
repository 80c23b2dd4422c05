namespace Gilgamesh.Modules.Choreography.Descriptions;

/// <summary>
/// What a description asks for; null where it says nothing. Difficulty is a 1–5 range, energy 0–1,
/// duration in seconds, tempo in BPM.
/// </summary>
internal sealed record RoutineParameters(int? MinDifficulty, int? MaxDifficulty, double? Energy, string? Style, double? DurationSeconds, double? Bpm);
