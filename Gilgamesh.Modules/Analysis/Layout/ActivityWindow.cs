namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>
/// Collects the absolute luma differences of consecutive frames over one window and turns them into a
/// live-pixel mask: per pixel the lower median of the differences (a single cut or slide change is
/// outvoted), smoothed over 5x5 pixels (camera noise is per pixel; its neighbourhood mean is steady),
/// then thresholded. Buffers are reused window after window: memory is flat.
/// </summary>
internal sealed class ActivityWindow(int width, int height, int maxDifferences)
{
    private readonly byte[][] _differences = Enumerable.Range(0, maxDifferences).Select(_ => new byte[width * height]).ToArray();
    private readonly byte[] _median = new byte[width * height];
    private readonly long[] _integral = new long[(width + 1) * (height + 1)];

    public int Count { get; private set; }

    public void Add(byte[] previousLuma, byte[] luma)
    {
        if (Count == _differences.Length) return;
        var target = _differences[Count++];
        for (var i = 0; i < luma.Length; i++) target[i] = (byte)Math.Abs(luma[i] - previousLuma[i]);
    }

    public void Reset() => Count = 0;

    public bool[] LiveMask(double threshold)
    {
        Span<byte> values = stackalloc byte[_differences.Length];
        for (var i = 0; i < _median.Length; i++)
        {
            for (var k = 0; k < Count; k++) values[k] = _differences[k][i];
            var used = values[..Count];
            used.Sort();
            _median[i] = used[(Count - 1) / 2];
        }

        var stride = width + 1;
        for (var y = 0; y < height; y++)
        {
            long row = 0;
            for (var x = 0; x < width; x++)
            {
                row += _median[y * width + x];
                _integral[(y + 1) * stride + x + 1] = _integral[y * stride + x + 1] + row;
            }
        }

        var mask = new bool[width * height];
        for (var y = 0; y < height; y++)
        {
            int y0 = Math.Max(0, y - 2), y1 = Math.Min(height, y + 3);
            for (var x = 0; x < width; x++)
            {
                int x0 = Math.Max(0, x - 2), x1 = Math.Min(width, x + 3);
                var sum = _integral[y1 * stride + x1] - _integral[y0 * stride + x1] - _integral[y1 * stride + x0] + _integral[y0 * stride + x0];
                mask[y * width + x] = sum > threshold * (x1 - x0) * (y1 - y0);
            }
        }
        return mask;
    }
}
