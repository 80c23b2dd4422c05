namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// In-place complex FFT for sizes whose prime factors are 2, 3 and 5 (Whisper's n_fft 400 is 2⁴·5², so the
/// power-of-two <c>Rhythm.Fft</c> does not fit). Iterative decimation in time: inputs are loaded in mixed-radix
/// digit-reversed order, then each stage merges <c>p</c> transforms of length L into one of length p·L.
/// The permutation and one table of N twiddles are computed once; a transform allocates nothing, so one
/// instance serves every frame (and every thread: the scratch is the caller's).
/// </summary>
internal sealed class MixedRadixFft
{
    private readonly int[] _radices;
    private readonly int[] _inputOrder;
    private readonly double[] _cos;
    private readonly double[] _sin;

    public MixedRadixFft(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _radices = Factor(size);
        _inputOrder = DigitReversedOrder(size, _radices);
        _cos = new double[size];
        _sin = new double[size];
        for (var k = 0; k < size; k++)
        {
            _cos[k] = Math.Cos(-2 * Math.PI * k / size);
            _sin[k] = Math.Sin(-2 * Math.PI * k / size);
        }
    }

    public int Size { get; }

    /// <summary>Largest radix: the length the scratch spans of <see cref="Forward"/> need.</summary>
    public int MaxRadix => _radices.Length == 0 ? 1 : _radices.Max();

    /// <summary>
    /// Forward transform (e^{-2πikn/N}, no scaling) of <paramref name="inRe"/> + i·<paramref name="inIm"/>
    /// into <paramref name="re"/>, <paramref name="im"/>; scratch spans of at least <see cref="MaxRadix"/>.
    /// </summary>
    public void Forward(ReadOnlySpan<double> inRe, ReadOnlySpan<double> inIm, Span<double> re, Span<double> im, Span<double> scratchRe, Span<double> scratchIm)
    {
        if (inRe.Length != Size || inIm.Length != Size || re.Length != Size || im.Length != Size) throw new ArgumentException($"expected {Size} samples");
        for (var i = 0; i < Size; i++)
        {
            var source = _inputOrder[i];
            re[i] = inRe[source];
            im[i] = inIm[source];
        }

        var length = 1;
        foreach (var p in _radices)
        {
            var merged = length * p;
            var twiddleStep = Size / merged;
            var rootStep = Size / p;
            for (var block = 0; block < Size; block += merged)
            {
                for (var j = 0; j < length; j++)
                {
                    // Twiddled inputs: element q of the butterfly times W_{pL}^{q·j}.
                    for (var q = 0; q < p; q++)
                    {
                        var index = block + q * length + j;
                        var w = q * j * twiddleStep % Size;
                        scratchRe[q] = re[index] * _cos[w] - im[index] * _sin[w];
                        scratchIm[q] = re[index] * _sin[w] + im[index] * _cos[w];
                    }
                    // A p-point DFT of them (p ≤ 5, so the direct sum beats special-casing each radix in code size).
                    for (var r = 0; r < p; r++)
                    {
                        double sumRe = scratchRe[0], sumIm = scratchIm[0];
                        for (var q = 1; q < p; q++)
                        {
                            var w = q * r % p * rootStep;
                            sumRe += scratchRe[q] * _cos[w] - scratchIm[q] * _sin[w];
                            sumIm += scratchRe[q] * _sin[w] + scratchIm[q] * _cos[w];
                        }
                        var output = block + r * length + j;
                        re[output] = sumRe;
                        im[output] = sumIm;
                    }
                }
            }
            length = merged;
        }
    }

    /// <summary>Radices in stage order: 4s first (fewer passes than 2s), then 2, 3, 5.</summary>
    private static int[] Factor(int size)
    {
        var radices = new List<int>();
        var rest = size;
        foreach (var p in new[] { 4, 2, 3, 5 })
        {
            while (rest % p == 0)
            {
                radices.Add(p);
                rest /= p;
            }
        }
        if (rest != 1) throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must have no prime factor above 5");
        return [.. radices];
    }

    /// <summary>
    /// Which input goes to each position: the last stage merges the p_last decimated subsequences x[p·n + q],
    /// each a transform over the earlier radices, laid out one after another.
    /// </summary>
    private static int[] DigitReversedOrder(int size, int[] radices)
    {
        var order = new int[size];
        var position = 0;
        Place(0, 1, radices.Length);
        return order;

        void Place(int offset, int stride, int stages)
        {
            if (stages == 0)
            {
                order[position++] = offset;
                return;
            }
            var p = radices[stages - 1];
            for (var q = 0; q < p; q++) Place(offset + q * stride, stride * p, stages - 1);
        }
    }
}
