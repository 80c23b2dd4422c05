namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Onset frames picked from the envelope as librosa's <c>onset_detect</c> does: a local maximum over the last
/// 30 ms that clears the ±100 ms mean by 7% of the envelope's maximum, at least 30 ms after the previous one.
/// </summary>
internal static class OnsetPeaks
{
    public static int[] Pick(ReadOnlySpan<float> envelope, double frameRate)
    {
        if (envelope.Length == 0) return [];
        var max = 0f;
        foreach (var v in envelope) max = MathF.Max(max, v);
        if (max <= 0) return [];
        var preMax = Math.Max(1, (int)Math.Round(0.03 * frameRate));
        var average = Math.Max(1, (int)Math.Round(0.1 * frameRate));
        var wait = preMax;
        var peaks = new List<int>();
        var last = int.MinValue / 2;
        for (var i = 0; i < envelope.Length; i++)
        {
            var v = envelope[i] / max;
            var isMax = true;
            for (var j = Math.Max(0, i - preMax); j <= Math.Min(envelope.Length - 1, i + 1) && isMax; j++)
                if (envelope[j] > envelope[i]) isMax = false;
            if (!isMax || i - last < wait) continue;
            var sum = 0.0;
            var lo = Math.Max(0, i - average);
            var hi = Math.Min(envelope.Length - 1, i + average);
            for (var j = lo; j <= hi; j++) sum += envelope[j];
            if (v >= sum / (hi - lo + 1) / max + 0.07)
            {
                peaks.Add(i);
                last = i;
            }
        }
        return peaks.ToArray();
    }
}
