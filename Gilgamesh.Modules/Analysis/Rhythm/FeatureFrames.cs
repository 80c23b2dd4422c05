namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Assembles the 30 fps feature set: the 100 fps onset envelope is max-pooled into each 30 fps frame
/// (a short onset must not fall between samples) and scaled to 0–1; onset peaks and beats mark the frame
/// they fall in.
/// </summary>
internal static class FeatureFrames
{
    public static RhythmFeatures Build(TimbreAndChroma timbre, double frameRate, OnsetEnvelope onset, IReadOnlyList<int> beatFrames)
    {
        var count = timbre.Mfcc.Length;
        var max = onset.Strength.Length > 0 ? Math.Max(onset.Strength.Max(), 1e-9f) : 1f;
        var pooled = new float[count];
        for (var j = 0; j < count; j++)
        {
            var from = (int)Math.Floor((j - 0.5) / frameRate * onset.FrameRate);
            var to = (int)Math.Ceiling((j + 0.5) / frameRate * onset.FrameRate);
            var best = 0f;
            for (var f = Math.Max(0, from); f < Math.Min(onset.Count, to); f++) best = Math.Max(best, onset.Strength[f]);
            pooled[j] = MathF.Round(best / max, 4);
        }
        return new RhythmFeatures(frameRate, count, pooled, timbre.Mfcc, timbre.Chroma,
            Mark(OnsetPeaks.Pick(onset.Strength, onset.FrameRate), count, frameRate, onset.FrameRate),
            Mark(beatFrames, count, frameRate, onset.FrameRate));
    }

    private static bool[] Mark(IEnumerable<int> onsetFrames, int count, double frameRate, double onsetRate)
    {
        var marks = new bool[count];
        foreach (var f in onsetFrames)
        {
            var j = (int)Math.Round(f / onsetRate * frameRate);
            if (j >= 0 && j < count) marks[j] = true;
        }
        return marks;
    }
}
