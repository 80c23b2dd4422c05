namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// |X[k]|², k = 0 … N/2, of a real frame of even length N, by the usual packing trick: the even and odd
/// samples become the real and imaginary parts of one N/2-point complex signal, whose transform is split
/// back into the two halves' spectra and merged with one twiddle per bin. Half the work of a complex FFT
/// of the real frame, and no allocation per frame: each thread brings its own <see cref="Workspace"/>.
/// </summary>
internal sealed class RealPowerSpectrum
{
    private readonly MixedRadixFft _fft;
    private readonly double[] _cos;
    private readonly double[] _sin;

    public RealPowerSpectrum(int frameSize)
    {
        if (frameSize < 2 || frameSize % 2 != 0) throw new ArgumentOutOfRangeException(nameof(frameSize), frameSize, "frame size must be even");
        FrameSize = frameSize;
        _fft = new MixedRadixFft(frameSize / 2);
        _cos = new double[frameSize / 2 + 1];
        _sin = new double[frameSize / 2 + 1];
        for (var k = 0; k < _cos.Length; k++)
        {
            _cos[k] = Math.Cos(-2 * Math.PI * k / frameSize);
            _sin[k] = Math.Sin(-2 * Math.PI * k / frameSize);
        }
    }

    public int FrameSize { get; }

    public int Bins => FrameSize / 2 + 1;

    public Workspace CreateWorkspace() => new(FrameSize / 2, _fft.MaxRadix);

    public void Compute(ReadOnlySpan<double> frame, Span<double> power, Workspace workspace)
    {
        var half = FrameSize / 2;
        for (var n = 0; n < half; n++)
        {
            workspace.PackedRe[n] = frame[2 * n];
            workspace.PackedIm[n] = frame[2 * n + 1];
        }
        _fft.Forward(workspace.PackedRe, workspace.PackedIm, workspace.Re, workspace.Im, workspace.ScratchRe, workspace.ScratchIm);
        var re = workspace.Re;
        var im = workspace.Im;
        for (var k = 0; k <= half; k++)
        {
            var a = k == half ? 0 : k;
            var b = k == 0 ? 0 : half - k;
            // Even half E = (Z[k] + conj Z[M−k]) / 2, odd half O = (Z[k] − conj Z[M−k]) / 2i.
            var evenRe = (re[a] + re[b]) / 2;
            var evenIm = (im[a] - im[b]) / 2;
            var oddRe = (im[a] + im[b]) / 2;
            var oddIm = -(re[a] - re[b]) / 2;
            var xRe = evenRe + _cos[k] * oddRe - _sin[k] * oddIm;
            var xIm = evenIm + _cos[k] * oddIm + _sin[k] * oddRe;
            power[k] = xRe * xRe + xIm * xIm;
        }
    }

    /// <summary>One thread's buffers for <see cref="Compute"/>.</summary>
    internal sealed class Workspace(int half, int maxRadix)
    {
        public double[] PackedRe { get; } = new double[half];
        public double[] PackedIm { get; } = new double[half];
        public double[] Re { get; } = new double[half];
        public double[] Im { get; } = new double[half];
        public double[] ScratchRe { get; } = new double[maxRadix];
        public double[] ScratchIm { get; } = new double[maxRadix];
    }
}
