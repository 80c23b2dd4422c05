namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Complex FFT for sizes whose prime factors are 2, 3 and 5 (Whisper's n_fft 400 is 2⁴·5², so the
/// power-of-two <c>Rhythm.Fft</c> does not fit). Iterative decimation in time: inputs are loaded in mixed-radix
/// digit-reversed order, then each stage merges <c>p</c> transforms of length L into one of length p·L.
/// The permutation and each stage's twiddles are computed once; radices 2, 4 and 5 have hand-written
/// butterflies (3 takes the direct sum). A transform allocates nothing, so one
/// instance serves every frame (and every thread: the scratch is the caller's).
/// </summary>
internal sealed class MixedRadixFft
{
    private readonly int[] _radices;
    private readonly int[] _inputOrder;
    private readonly double[] _cos;
    private readonly double[] _sin;
    // Per stage, W_{pL}^{q·j} at [j·p + q]: read in order by the butterflies, no index arithmetic modulo N.
    private readonly double[][] _stageCos;
    private readonly double[][] _stageSin;

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
        _stageCos = new double[_radices.Length][];
        _stageSin = new double[_radices.Length][];
        var length = 1;
        for (var stage = 0; stage < _radices.Length; stage++)
        {
            var p = _radices[stage];
            _stageCos[stage] = new double[length * p];
            _stageSin[stage] = new double[length * p];
            for (var j = 0; j < length; j++)
            {
                for (var q = 0; q < p; q++)
                {
                    var w = q * j * (size / (length * p));
                    _stageCos[stage][j * p + q] = _cos[w];
                    _stageSin[stage][j * p + q] = _sin[w];
                }
            }
            length *= p;
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
        for (var stage = 0; stage < _radices.Length; stage++)
        {
            var p = _radices[stage];
            var merged = length * p;
            var twiddleRe = _stageCos[stage];
            var twiddleIm = _stageSin[stage];
            for (var block = 0; block < Size; block += merged)
            {
                for (var j = 0; j < length; j++)
                {
                    // Element q of the butterfly times W_{pL}^{q·j}, then a p-point DFT of the p elements.
                    for (var q = 0; q < p; q++)
                    {
                        var index = block + q * length + j;
                        var wRe = twiddleRe[j * p + q];
                        var wIm = twiddleIm[j * p + q];
                        scratchRe[q] = re[index] * wRe - im[index] * wIm;
                        scratchIm[q] = re[index] * wIm + im[index] * wRe;
                    }
                    switch (p)
                    {
                        case 2: Radix2(scratchRe, scratchIm, re, im, block + j, length); break;
                        case 4: Radix4(scratchRe, scratchIm, re, im, block + j, length); break;
                        case 5: Radix5(scratchRe, scratchIm, re, im, block + j, length); break;
                        default: DirectDft(p, scratchRe, scratchIm, re, im, block + j, length); break;
                    }
                }
            }
            length = merged;
        }
    }

    private static void Radix2(Span<double> aRe, Span<double> aIm, Span<double> re, Span<double> im, int at, int stride)
    {
        re[at] = aRe[0] + aRe[1];
        im[at] = aIm[0] + aIm[1];
        re[at + stride] = aRe[0] - aRe[1];
        im[at + stride] = aIm[0] - aIm[1];
    }

    private static void Radix4(Span<double> aRe, Span<double> aIm, Span<double> re, Span<double> im, int at, int stride)
    {
        double sum02Re = aRe[0] + aRe[2], sum02Im = aIm[0] + aIm[2], diff02Re = aRe[0] - aRe[2], diff02Im = aIm[0] - aIm[2];
        double sum13Re = aRe[1] + aRe[3], sum13Im = aIm[1] + aIm[3], diff13Re = aRe[1] - aRe[3], diff13Im = aIm[1] - aIm[3];
        re[at] = sum02Re + sum13Re;
        im[at] = sum02Im + sum13Im;
        // −i·(a1 − a3) for bin 1, +i·(a1 − a3) for bin 3.
        re[at + stride] = diff02Re + diff13Im;
        im[at + stride] = diff02Im - diff13Re;
        re[at + 2 * stride] = sum02Re - sum13Re;
        im[at + 2 * stride] = sum02Im - sum13Im;
        re[at + 3 * stride] = diff02Re - diff13Im;
        im[at + 3 * stride] = diff02Im + diff13Re;
    }

    private static readonly double Cos72 = Math.Cos(2 * Math.PI / 5), Cos144 = Math.Cos(4 * Math.PI / 5);
    private static readonly double Sin72 = Math.Sin(2 * Math.PI / 5), Sin144 = Math.Sin(4 * Math.PI / 5);

    /// <summary>Bins 1 and 4 (2 and 3) share the cosine part and differ in the sign of the sine part.</summary>
    private static void Radix5(Span<double> aRe, Span<double> aIm, Span<double> re, Span<double> im, int at, int stride)
    {
        double sum14Re = aRe[1] + aRe[4], sum14Im = aIm[1] + aIm[4], diff14Re = aRe[1] - aRe[4], diff14Im = aIm[1] - aIm[4];
        double sum23Re = aRe[2] + aRe[3], sum23Im = aIm[2] + aIm[3], diff23Re = aRe[2] - aRe[3], diff23Im = aIm[2] - aIm[3];
        re[at] = aRe[0] + sum14Re + sum23Re;
        im[at] = aIm[0] + sum14Im + sum23Im;
        var cos1Re = aRe[0] + Cos72 * sum14Re + Cos144 * sum23Re;
        var cos1Im = aIm[0] + Cos72 * sum14Im + Cos144 * sum23Im;
        var cos2Re = aRe[0] + Cos144 * sum14Re + Cos72 * sum23Re;
        var cos2Im = aIm[0] + Cos144 * sum14Im + Cos72 * sum23Im;
        // −i·u with u = sin72·(a1 − a4) + sin144·(a2 − a3) (bin 1), u = sin144·(a1 − a4) − sin72·(a2 − a3) (bin 2).
        var sin1Re = Sin72 * diff14Re + Sin144 * diff23Re;
        var sin1Im = Sin72 * diff14Im + Sin144 * diff23Im;
        var sin2Re = Sin144 * diff14Re - Sin72 * diff23Re;
        var sin2Im = Sin144 * diff14Im - Sin72 * diff23Im;
        re[at + stride] = cos1Re + sin1Im;
        im[at + stride] = cos1Im - sin1Re;
        re[at + 4 * stride] = cos1Re - sin1Im;
        im[at + 4 * stride] = cos1Im + sin1Re;
        re[at + 2 * stride] = cos2Re + sin2Im;
        im[at + 2 * stride] = cos2Im - sin2Re;
        re[at + 3 * stride] = cos2Re - sin2Im;
        im[at + 3 * stride] = cos2Im + sin2Re;
    }

    /// <summary>Any other radix (3): the p-point DFT as a direct sum.</summary>
    private void DirectDft(int p, Span<double> aRe, Span<double> aIm, Span<double> re, Span<double> im, int at, int stride)
    {
        var rootStep = Size / p;
        for (var r = 0; r < p; r++)
        {
            double sumRe = aRe[0], sumIm = aIm[0];
            for (var q = 1; q < p; q++)
            {
                var w = q * r % p * rootStep;
                sumRe += aRe[q] * _cos[w] - aIm[q] * _sin[w];
                sumIm += aRe[q] * _sin[w] + aIm[q] * _cos[w];
            }
            re[at + r * stride] = sumRe;
            im[at + r * stride] = sumIm;
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
