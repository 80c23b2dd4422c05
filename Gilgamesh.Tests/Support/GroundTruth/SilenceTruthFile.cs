namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>A generated audio file and where its sound (tones, noise bursts, speech) really is; everything else is the noise floor.</summary>
public sealed record SilenceTruthFile(string Path, double DurationSeconds, double NoiseFloorDb, IReadOnlyList<TruthInterval> Active)
{
    /// <summary>The gaps between (and around) active intervals: what a silence detector should report.</summary>
    public IReadOnlyList<TruthInterval> Silences()
    {
        var gaps = new List<TruthInterval>();
        var cursor = 0.0;
        foreach (var a in Active)
        {
            if (a.Start > cursor) gaps.Add(new TruthInterval(cursor, a.Start, "silence"));
            cursor = a.End;
        }
        if (cursor < DurationSeconds) gaps.Add(new TruthInterval(cursor, DurationSeconds, "silence"));
        return gaps;
    }
}
