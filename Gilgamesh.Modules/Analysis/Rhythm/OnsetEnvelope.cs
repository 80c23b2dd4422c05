namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Onset strength as log-mel spectral flux (librosa's <c>onset_strength</c>: mean over bands of the positive
/// dB rise from the previous frame), plus the same flux over the bass bands only, which the downbeat
/// detector reads as kick accents. One value per STFT frame at <see cref="FrameRate"/>.
/// </summary>
internal sealed class OnsetEnvelope
{
    /// <summary>Bands below this carry kick drums and bass; their flux marks strong beats.</summary>
    private const double BassHz = 160;

    private OnsetEnvelope(float[] strength, float[] bass, double frameRate)
    {
        Strength = strength;
        Bass = bass;
        FrameRate = frameRate;
    }

    public float[] Strength { get; }
    public float[] Bass { get; }
    public double FrameRate { get; }
    public int Count => Strength.Length;

    public static OnsetEnvelope Compute(StftFrames stft, int sampleRate, int fftSize, int hop, CancellationToken ct)
    {
        const int bands = 64;
        var mel = new MelFilterBank(sampleRate, fftSize, bands, 30, 11_000);
        var logMel = new float[stft.Count * bands];
        var max = float.MinValue;
        for (var t = 0; t < stft.Count; t++)
        {
            if ((t & 1023) == 0) ct.ThrowIfCancellationRequested();
            var row = logMel.AsSpan(t * bands, bands);
            mel.Apply(stft.Frame(t), row);
            for (var m = 0; m < bands; m++)
            {
                row[m] = 10f * MathF.Log10(MathF.Max(row[m], 1e-10f));
                max = MathF.Max(max, row[m]);
            }
        }
        // power_to_db(top_db=80): quieter detail than 80 dB under the loudest cell is noise, not onsets.
        var floor = max - 80f;
        for (var i = 0; i < logMel.Length; i++) logMel[i] = MathF.Max(logMel[i], floor);

        var bassBands = 0;
        while (bassBands < bands && MelCentreBelow(bassBands, bands)) bassBands++;
        bassBands = Math.Max(bassBands, 2);

        var strength = new float[stft.Count];
        var bass = new float[stft.Count];
        // Before the first frame is silence (the floor), so a file that starts on a beat has an onset at 0.
        var silence = Enumerable.Repeat(floor, bands).ToArray();
        for (var t = 0; t < stft.Count; t++)
        {
            var now = logMel.AsSpan(t * bands, bands);
            var before = t > 0 ? logMel.AsSpan((t - 1) * bands, bands) : silence;
            float sum = 0, low = 0;
            for (var m = 0; m < bands; m++)
            {
                var rise = MathF.Max(0, now[m] - before[m]);
                sum += rise;
                if (m < bassBands) low += rise;
            }
            strength[t] = sum / bands;
            bass[t] = low / bassBands;
        }
        return new OnsetEnvelope(strength, bass, (double)sampleRate / hop);
    }

    private static bool MelCentreBelow(int band, int bands)
    {
        static double Mel(double hz) => 2595 * Math.Log10(1 + hz / 700);
        var lo = Mel(30);
        var hi = Mel(11_000);
        var centreMel = lo + (hi - lo) * (band + 1) / (bands + 1);
        return 700 * (Math.Pow(10, centreMel / 2595) - 1) < BassHz;
    }
}
