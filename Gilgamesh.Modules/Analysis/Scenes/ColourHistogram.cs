namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// A frame's colour distribution: 12 hue bins for coloured pixels (saturation and value both over 48) and 6
/// value bins for the near-grey and dark ones (hue means nothing there), as shares of the frame. Motion moves
/// pixels without changing it much; a change of source does (PySceneDetect's HistogramDetector works so).
/// </summary>
internal sealed class ColourHistogram
{
    private const int HueBins = 12;
    private const int GreyBins = 6;
    private const int Coloured = 48;

    private readonly double[] _shares = new double[HueBins + GreyBins];

    public void Fill(HsvFrame frame)
    {
        Span<int> counts = stackalloc int[HueBins + GreyBins];
        var (h, s, v) = (frame.H, frame.S, frame.V);
        for (var i = 0; i < h.Length; i++)
        {
            counts[s[i] > Coloured && v[i] > Coloured ? h[i] * HueBins / 180 : HueBins + v[i] * GreyBins / 256]++;
        }

        for (var b = 0; b < counts.Length; b++)
        {
            _shares[b] = h.Length == 0 ? 0 : (double)counts[b] / h.Length;
        }
    }

    /// <summary>Total variation distance, 0 (same distribution) to 1 (disjoint).</summary>
    public static double Distance(ColourHistogram a, ColourHistogram b)
    {
        var sum = 0.0;
        for (var i = 0; i < a._shares.Length; i++)
        {
            sum += Math.Abs(a._shares[i] - b._shares[i]);
        }

        return sum / 2;
    }
}
