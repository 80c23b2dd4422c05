using System.Numerics;
using System.Runtime.InteropServices;

namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// In-place iterative radix-2 complex FFT of one power-of-two size. The BCL has none; the bit-reversal table
/// and each stage's twiddles are computed once per size so a whole song's frames reuse them. The first two
/// stages run as one radix-4 pass (their twiddles are 1 and −i: no multiplications), which out of place also
/// does the bit-reversal permutation as it reads; every later stage has
/// its twiddles in one contiguous table, so its butterflies run <see cref="Vector{T}"/> lanes at a time.
/// The STFTs of a song were most of the rhythm analysis's CPU time with scalar butterflies and strided
/// twiddle reads.
/// </summary>
internal sealed class Fft
{
    private readonly int[] _bitReverse;
    // Stage s (half = 2^s butterflies apart): W_{2·half}^k for k < half at [half - 1 + k], the same
    // values as cos/sin(−2πk·step/N) with step = N / (2·half).
    private readonly double[] _twiddleCos;
    private readonly double[] _twiddleSin;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two ≥ 2");
        Size = size;
        var bits = BitOperations.Log2((uint)size);
        _bitReverse = new int[size];
        for (var i = 0; i < size; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
            _bitReverse[i] = r;
        }
        _twiddleCos = new double[size - 1];
        _twiddleSin = new double[size - 1];
        for (var half = 1; half < size; half <<= 1)
        {
            var step = size / (half * 2);
            for (var k = 0; k < half; k++)
            {
                _twiddleCos[half - 1 + k] = Math.Cos(-2 * Math.PI * (k * step) / size);
                _twiddleSin[half - 1 + k] = Math.Sin(-2 * Math.PI * (k * step) / size);
            }
        }
    }

    public int Size { get; }

    /// <summary>Forward transform (e^{-2πikn/N}, no scaling) of <paramref name="re"/> + i·<paramref name="im"/>, in place.</summary>
    public void Forward(Span<double> re, Span<double> im)
    {
        if (re.Length != Size || im.Length != Size) throw new ArgumentException($"expected {Size} samples");
        for (var i = 0; i < Size; i++)
        {
            var j = _bitReverse[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        var half = 1;
        if (Size >= 4)
        {
            FirstTwoStages(re, im, re, im, inPlace: true);
            half = 4;
        }
        LaterStages(re, im, half);
    }

    /// <summary>
    /// The same transform of <paramref name="inRe"/> + i·<paramref name="inIm"/> (natural order, left unchanged)
    /// into <paramref name="re"/>, <paramref name="im"/>: the first pass reads its inputs through the bit-reversal
    /// table, so no separate permutation pass is needed.
    /// </summary>
    public void Forward(ReadOnlySpan<double> inRe, ReadOnlySpan<double> inIm, Span<double> re, Span<double> im)
    {
        if (inRe.Length != Size || inIm.Length != Size || re.Length != Size || im.Length != Size) throw new ArgumentException($"expected {Size} samples");
        if (Size < 4)
        {
            inRe.CopyTo(re);
            inIm.CopyTo(im);
            Forward(re, im);
            return;
        }
        FirstTwoStages(inRe, inIm, re, im, inPlace: false);
        LaterStages(re, im, 4);
    }

    private void LaterStages(Span<double> re, Span<double> im, int half)
    {
        for (; half < Size; half <<= 1)
        {
            if (Vector.IsHardwareAccelerated && half >= Vector<double>.Count) VectorStage(re, im, half);
            else ScalarStage(re, im, half);
        }
    }

    /// <summary>
    /// Stages half = 1 and 2 as radix-4 butterflies on each group of four. In place the inputs are already in
    /// bit-reversed order; otherwise group g's inputs are x[r], x[r + N/2], x[r + N/4], x[r + 3N/4] with
    /// r = bitReverse[g] (g is a multiple of 4, so its two low bits are the high bits of those indices).
    /// </summary>
    private void FirstTwoStages(ReadOnlySpan<double> inRe, ReadOnlySpan<double> inIm, Span<double> re, Span<double> im, bool inPlace)
    {
        int quarter = Size / 4, halfSize = Size / 2;
        for (var g = 0; g < Size; g += 4)
        {
            int i0, i1, i2, i3;
            if (inPlace) (i0, i1, i2, i3) = (g, g + 1, g + 2, g + 3);
            else
            {
                var r = _bitReverse[g];
                (i0, i1, i2, i3) = (r, r + halfSize, r + quarter, r + halfSize + quarter);
            }
            // half = 1: (x0, x1) and (x2, x3), twiddle 1.
            double a0r = inRe[i0] + inRe[i1], a0i = inIm[i0] + inIm[i1], a1r = inRe[i0] - inRe[i1], a1i = inIm[i0] - inIm[i1];
            double a2r = inRe[i2] + inRe[i3], a2i = inIm[i2] + inIm[i3], a3r = inRe[i2] - inRe[i3], a3i = inIm[i2] - inIm[i3];
            // half = 2: twiddles 1 (a0, a2) and −i (a1, a3): −i·a3 = (a3i, −a3r).
            re[g] = a0r + a2r;
            im[g] = a0i + a2i;
            re[g + 2] = a0r - a2r;
            im[g + 2] = a0i - a2i;
            re[g + 1] = a1r + a3i;
            im[g + 1] = a1i - a3r;
            re[g + 3] = a1r - a3i;
            im[g + 3] = a1i + a3r;
        }
    }

    private void ScalarStage(Span<double> re, Span<double> im, int half)
    {
        for (var start = 0; start < Size; start += half * 2)
        {
            for (var k = 0; k < half; k++)
            {
                var wr = _twiddleCos[half - 1 + k];
                var wi = _twiddleSin[half - 1 + k];
                var a = start + k;
                var b = a + half;
                var tr = re[b] * wr - im[b] * wi;
                var ti = re[b] * wi + im[b] * wr;
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
            }
        }
    }

    private void VectorStage(Span<double> re, Span<double> im, int half)
    {
        // Unchecked loads through refs: spans were length-checked in Forward, and slicing per block costs
        // more than the butterflies at the short early stages (half = 4: a block is one vector).
        var width = Vector<double>.Count;
        ref var reBase = ref MemoryMarshal.GetReference(re);
        ref var imBase = ref MemoryMarshal.GetReference(im);
        ref var cos = ref _twiddleCos[half - 1];
        ref var sin = ref _twiddleSin[half - 1];
        for (var start = 0; start < Size; start += half * 2)
        {
            for (var k = 0; k < half; k += width)
            {
                var a = (nuint)(start + k);
                var b = a + (nuint)half;
                var wr = Vector.LoadUnsafe(ref cos, (nuint)k);
                var wi = Vector.LoadUnsafe(ref sin, (nuint)k);
                var br = Vector.LoadUnsafe(ref reBase, b);
                var bi = Vector.LoadUnsafe(ref imBase, b);
                var ar = Vector.LoadUnsafe(ref reBase, a);
                var ai = Vector.LoadUnsafe(ref imBase, a);
                var tr = br * wr - bi * wi;
                var ti = br * wi + bi * wr;
                (ar - tr).StoreUnsafe(ref reBase, b);
                (ai - ti).StoreUnsafe(ref imBase, b);
                (ar + tr).StoreUnsafe(ref reBase, a);
                (ai + ti).StoreUnsafe(ref imBase, a);
            }
        }
    }
}
