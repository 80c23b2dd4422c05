namespace Gilgamesh.Modules.Kernel.Media.Render.Loudness;

/// <summary>An EBU R128 target: integrated loudness (LUFS), true-peak ceiling (dBTP), loudness range (LU).</summary>
internal sealed record LoudnessTarget(double IntegratedLufs = -14, double TruePeakDbtp = -1, double LoudnessRange = 11)
{
    /// <summary>−14 LUFS, −1 dBTP: what streaming platforms normalise to.</summary>
    public static LoudnessTarget Streaming { get; } = new();

    /// <summary>−23 LUFS, −1 dBTP: EBU R128 broadcast.</summary>
    public static LoudnessTarget Broadcast { get; } = new(-23);
}

/// <summary>Normalise the audio of <paramref name="Input"/> to <paramref name="Target"/> (null: <see cref="LoudnessTarget.Streaming"/>); video is copied.</summary>
internal sealed record LoudnessRequest(string Input, string Output, LoudnessTarget? Target = null);

/// <summary>The first loudnorm pass's measurement of the input (what the second pass is told).</summary>
internal sealed record LoudnessMeasurement(double IntegratedLufs, double TruePeakDbtp, double LoudnessRange, double Threshold, double TargetOffset);
