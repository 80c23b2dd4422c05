using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        // Every cell is written below; skipping the zeroing of ~40 MB per song is measurable.
        var power = GC.AllocateUninitializedArray<float>(frames * bins);
        var fft = new Fft(fftSize);
        var window = new double[fftSize];
        for (var i = 0; i < fftSize; i++) window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / fftSize);
        var frameA = new double[fftSize];
        var frameB = new double[fftSize];
        var re = new double[fftSize];
        var im = new double[fftSize];
        // Two real frames share one complex FFT (one in the real part, one in the imaginary part): half the work.
        for (var t = 0; t < frames; t += 2)
        {
            if ((t & 255) == 0) ct.ThrowIfCancellationRequested();
            var second = t + 1 < frames;
            Load(samples, t * hop - fftSize / 2, window, frameA);
            if (second) Load(samples, (t + 1) * hop - fftSize / 2, window, frameB);
            else Array.Clear(frameB);
            fft.Forward(frameA, frameB, re, im);
            var a = power.AsSpan(t * bins, bins);
            var b = second ? power.AsSpan((t + 1) * bins, bins) : Span<float>.Empty;
            var k = 0;
            if (second && Vector256.IsHardwareAccelerated)
            {
                SplitBin(re, im, a, b, 0, fftSize);
                k = SplitPowers8(re, im, a, b, fftSize);
            }
            for (; k < bins; k++) SplitBin(re, im, a, b, k, fftSize);
        }
        return new StftFrames(power, frames, bins);
    }

    /// <summary>
    /// Bin k of both frames from the packed transform Z (frame b empty when there is none):
    /// X_a = (Z[k] + conj Z[N−k]) / 2, X_b = (Z[k] − conj Z[N−k]) / 2i.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SplitBin(double[] re, double[] im, Span<float> a, Span<float> b, int k, int fftSize)
    {
        var n = (fftSize - k) & (fftSize - 1);
        var ar = 0.5 * (re[k] + re[n]);
        var ai = 0.5 * (im[k] - im[n]);
        a[k] = (float)(ar * ar + ai * ai);
        if (b.IsEmpty) return;
        var br = 0.5 * (im[k] + im[n]);
        var bi = 0.5 * (re[n] - re[k]);
        b[k] = (float)(br * br + bi * bi);
    }

    /// <summary>
    /// <see cref="SplitBin"/> eight bins at a time from bin 1 while k + 7 &lt; N/2 (the partners N − k read backwards
    /// and lane-reversed): the same operations in the same order, so the same floats. Returns the next bin.
    /// </summary>
    private static int SplitPowers8(double[] re, double[] im, Span<float> a, Span<float> b, int fftSize)
    {
        var half = fftSize / 2;
        var reverse = Vector256.Create(3L, 2, 1, 0);
        var scale = Vector256.Create(0.5);
        ref var reBase = ref MemoryMarshal.GetArrayDataReference(re);
        ref var imBase = ref MemoryMarshal.GetArrayDataReference(im);
        ref var aBase = ref MemoryMarshal.GetReference(a);
        ref var bBase = ref MemoryMarshal.GetReference(b);
        var k = 1;
        for (; k + 8 <= half; k += 8)
        {
            var n = fftSize - k;
            var (a0, b0) = Quarter(ref reBase, ref imBase, (nuint)k, (nuint)(n - 3), reverse, scale);
            var (a1, b1) = Quarter(ref reBase, ref imBase, (nuint)(k + 4), (nuint)(n - 7), reverse, scale);
            Vector256.Narrow(a0, a1).StoreUnsafe(ref aBase, (nuint)k);
            Vector256.Narrow(b0, b1).StoreUnsafe(ref bBase, (nuint)k);
        }
        return k;
    }

    /// <summary>Four bins k … k+3 of both frames; <paramref name="partner"/> is N − k − 3 (the lowest partner index).</summary>
    private static (Vector256<double> A, Vector256<double> B) Quarter(ref double re, ref double im, nuint k, nuint partner,
        Vector256<long> reverse, Vector256<double> scale)
    {
        var reK = Vector256.LoadUnsafe(ref re, k);
        var imK = Vector256.LoadUnsafe(ref im, k);
        var reN = Vector256.Shuffle(Vector256.LoadUnsafe(ref re, partner), reverse);
        var imN = Vector256.Shuffle(Vector256.LoadUnsafe(ref im, partner), reverse);
        var ar = scale * (reK + reN);
        var ai = scale * (imK - imN);
        var br = scale * (imK + imN);
        var bi = scale * (reN - reK);
        return (ar * ar + ai * ai, br * br + bi * bi);
    }

    /// <summary>Windowed samples from <paramref name="start"/> (zero outside the signal).</summary>
    private static void Load(ReadOnlySpan<float> samples, int start, double[] window, double[] target)
    {
        var n = target.Length;
        if (start < 0 || start + n > samples.Length)
        {
            // The first and last frames reach past the signal: zero padding (center=True).
            for (var i = 0; i < n; i++)
            {
                var s = start + i;
                target[i] = s >= 0 && s < samples.Length ? samples[s] * window[i] : 0;
            }
            return;
        }
        // Interior frames (all but a few), vectors at a time: the scalar float→double conversion carries a false
        // dependency from one sample to the next (cvtss2sd merges into its target), ~3 ns a sample.
        var frame = samples.Slice(start, n);
        var i0 = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var floats = MemoryMarshal.Cast<float, Vector<float>>(frame);
            var weights = MemoryMarshal.Cast<double, Vector<double>>(window.AsSpan(0, n));
            var output = MemoryMarshal.Cast<double, Vector<double>>(target.AsSpan(0, n));
            for (var v = 0; v < floats.Length; v++)
            {
                Vector.Widen(floats[v], out var low, out var high);
                output[2 * v] = low * weights[2 * v];
                output[2 * v + 1] = high * weights[2 * v + 1];
            }
            i0 = floats.Length * Vector<float>.Count;
        }
        for (var i = i0; i < n; i++) target[i] = frame[i] * window[i];
    }
}
