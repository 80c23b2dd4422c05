namespace Gilgamesh.Modules.Choreography.Starter;

/// <summary>Which part of the stick figure snaps at the accent.</summary>
internal enum FigurePart
{
    LeftArm,
    RightArm,
    BothArms,
    Jump,
    LeanLeft,
    LeanRight,
}

/// <summary>
/// A starter move with known motion: the figure sways gently with the beat and <see cref="Part"/> snaps
/// by <see cref="Amplitude"/> pixels (tanh profile, <see cref="SnapSeconds"/> wide) at count
/// <see cref="AccentCount"/>, so its peak motion — the accent — is at exactly
/// <see cref="AccentOffset"/> seconds into the clip.
/// </summary>
internal sealed record StarterMoveSpec(
    string Name,
    string Description,
    string Style,
    string[] Tags,
    int Difficulty,
    double Energy,
    double Bpm,
    int Counts,
    double AccentCount,
    FigurePart Part,
    int Amplitude,
    bool Mirrorable)
{
    public const double SnapSeconds = 0.04;

    public double ClipSeconds => Counts * 60 / Bpm;

    public double AccentOffset => AccentCount * 60 / Bpm;
}
