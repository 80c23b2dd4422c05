namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// In-place iterative radix-2 complex FFT of one power-of-two size. The BCL has none; twiddles and the
/// bit-reversal table are computed once per size so a whole song's frames reuse them.
/// </summary>
internal sealed class Fft
{
    private readonly int[] _bitReverse;
    private readonly double[] _cos;
    private readonly double[] _sin;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two ≥ 2");
        Size = size;
        var bits = System.Numerics.BitOperations.Log2((uint)size);
        _bitReverse = new int[size];
        for (var i = 0; i < size; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
            _bitReverse[i] = r;
        }
        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (var k = 0; k < size / 2; k++)
        {
            _cos[k] = Math.Cos(-2 * Math.PI * k / size);
            _sin[k] = Math.Sin(-2 * Math.PI * k / size);
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
        for (var half = 1; half < Size; half <<= 1)
        {
            var step = Size / (half * 2);
            for (var start = 0; start < Size; start += half * 2)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = _cos[k * step];
                    var wi = _sin[k * step];
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
    }
}
