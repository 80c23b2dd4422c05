namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Loudness per beat: RMS of the samples from a beat to the next, in dB, mapped to 0–1 with 1 at the loudest
/// beat and 0 at least <see cref="RangeDb"/> below it (or the quietest beat, if the song varies more), so a
/// steady track reads as steady instead of having its tiny variations stretched to the full range.
/// </summary>
internal static class EnergyCurve
{
    private const double RangeDb = 24;

    public static double[] PerBeat(ReadOnlySpan<float> samples, IReadOnlyList<double> beatTimes, int sampleRate)
    {
        if (beatTimes.Count == 0) return [];
        var db = new double[beatTimes.Count];
        for (var i = 0; i < beatTimes.Count; i++)
        {
            var interval = i + 1 < beatTimes.Count ? beatTimes[i + 1] - beatTimes[i] : i > 0 ? beatTimes[i] - beatTimes[i - 1] : 0.5;
            var start = Math.Clamp((int)(beatTimes[i] * sampleRate), 0, samples.Length);
            var end = Math.Clamp((int)((beatTimes[i] + interval) * sampleRate), start, samples.Length);
            var sum = 0.0;
            for (var s = start; s < end; s++) sum += samples[s] * (double)samples[s];
            var rms = end > start ? Math.Sqrt(sum / (end - start)) : 0;
            db[i] = 20 * Math.Log10(Math.Max(rms, 1e-6));
        }
        var max = db.Max();
        var range = Math.Max(RangeDb, max - db.Min());
        return db.Select(v => Math.Round(Math.Clamp(1 - (max - v) / range, 0, 1), 3)).ToArray();
    }
}
