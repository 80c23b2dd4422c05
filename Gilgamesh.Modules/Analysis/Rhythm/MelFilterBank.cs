namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Triangular filters equally spaced on the HTK mel scale, area-normalised (Slaney style, as librosa), mapping
/// a power spectrum to mel band energies. Each filter stores only its non-zero bin range.
/// </summary>
internal sealed class MelFilterBank
{
    private readonly int[] _first;
    private readonly float[][] _weights;

    public MelFilterBank(int sampleRate, int fftSize, int bands, double minHz, double maxHz)
    {
        Bands = bands;
        _first = new int[bands];
        _weights = new float[bands][];
        var lo = HzToMel(minHz);
        var hi = HzToMel(Math.Min(maxHz, sampleRate / 2.0));
        var edges = new double[bands + 2];
        for (var i = 0; i < edges.Length; i++) edges[i] = MelToHz(lo + (hi - lo) * i / (bands + 1));
        var binHz = (double)sampleRate / fftSize;
        for (var m = 0; m < bands; m++)
        {
            var (left, centre, right) = (edges[m], edges[m + 1], edges[m + 2]);
            var first = (int)Math.Ceiling(left / binHz);
            var last = Math.Min((int)Math.Floor(right / binHz), fftSize / 2);
            var norm = 2.0 / (right - left);
            var w = new float[Math.Max(0, last - first + 1)];
            for (var k = first; k <= last; k++)
            {
                var f = k * binHz;
                var rise = (f - left) / (centre - left);
                var fall = (right - f) / (right - centre);
                w[k - first] = (float)(Math.Max(0, Math.Min(rise, fall)) * norm);
            }
            _first[m] = first;
            _weights[m] = w;
        }
    }

    public int Bands { get; }

    public void Apply(ReadOnlySpan<float> power, Span<float> bands)
    {
        for (var m = 0; m < Bands; m++)
        {
            var w = _weights[m];
            var sum = 0f;
            var p = power.Slice(_first[m], w.Length);
            for (var k = 0; k < w.Length; k++) sum += w[k] * p[k];
            bands[m] = sum;
        }
    }

    private static double HzToMel(double hz) => 2595 * Math.Log10(1 + hz / 700);

    private static double MelToHz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
}
