namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Power spectrogram |STFT|² of mono PCM with a periodic Hann window, frames centred on t·hop (zero
/// padded at the ends, as librosa's <c>center=True</c>), so frame t describes time t·hop/sampleRate.
/// Stored flat (frame-major, <see cref="Bins"/> per frame) to keep a song's spectrogram one allocation.
/// </summary>
internal sealed class StftFrames
{
    private StftFrames(float[] power, int frames, int bins)
    {
        Power = power;
        Count = frames;
        Bins = bins;
    }

    public float[] Power { get; }
    public int Count { get; }
    public int Bins { get; }

    public ReadOnlySpan<float> Frame(int t) => Power.AsSpan(t * Bins, Bins);

    public static StftFrames Compute(ReadOnlySpan<float> samples, int fftSize, int hop, CancellationToken ct)
    {
        var frames = samples.Length == 0 ? 0 : samples.Length / hop + 1;
        var bins = fftSize / 2 + 1;
        var power = new float[frames * bins];
        var fft = new Fft(fftSize);
        var window = new double[fftSize];
        for (var i = 0; i < fftSize; i++) window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / fftSize);
        var re = new double[fftSize];
        var im = new double[fftSize];
        // Two real frames share one complex FFT (one in the real part, one in the imaginary part): half the work.
        for (var t = 0; t < frames; t += 2)
        {
            if ((t & 255) == 0) ct.ThrowIfCancellationRequested();
            var second = t + 1 < frames;
            Load(samples, t * hop - fftSize / 2, window, fft.BitReversed, re);
            if (second) Load(samples, (t + 1) * hop - fftSize / 2, window, fft.BitReversed, im);
            else Array.Clear(im);
            fft.ForwardFromBitReversed(re, im);
            var a = power.AsSpan(t * bins, bins);
            var b = second ? power.AsSpan((t + 1) * bins, bins) : Span<float>.Empty;
            for (var k = 0; k < bins; k++)
            {
                var n = (fftSize - k) & (fftSize - 1);
                // X_a = (Z[k] + conj Z[N-k]) / 2, X_b = (Z[k] - conj Z[N-k]) / 2i
                var ar = 0.5 * (re[k] + re[n]);
                var ai = 0.5 * (im[k] - im[n]);
                a[k] = (float)(ar * ar + ai * ai);
                if (second)
                {
                    var br = 0.5 * (im[k] + im[n]);
                    var bi = 0.5 * (re[n] - re[k]);
                    b[k] = (float)(br * br + bi * bi);
                }
            }
        }
        return new StftFrames(power, frames, bins);
    }

    /// <summary>Windowed samples from <paramref name="start"/>, written in the FFT's bit-reversed input order.</summary>
    private static void Load(ReadOnlySpan<float> samples, int start, double[] window, ReadOnlySpan<int> order, double[] target)
    {
        for (var i = 0; i < target.Length; i++)
        {
            var s = start + i;
            target[order[i]] = s >= 0 && s < samples.Length ? samples[s] * window[i] : 0;
        }
    }
}
