namespace Gilgamesh.Modules.Choreography.Generation;

/// <summary>
/// What the user asked for. <see cref="Style"/> and the difficulty range are hard filters; <see cref="Energy"/>
/// (0–1) shifts every phrase's target energy; <see cref="NoRepeatPhrases"/> is the variety window (a move
/// used in phrase p is not used again before phrase p + N + 1).
/// </summary>
internal sealed record GenerationRequest(
    long Seed,
    string? Style = null,
    int MinDifficulty = 1,
    int MaxDifficulty = 5,
    double? Energy = null,
    string? Description = null,
    int NoRepeatPhrases = 2,
    double Fps = 30,
    string Resolution = "1280x720");
