namespace Gilgamesh.Modules.Choreography.Moves;

/// <summary>
/// Frame-difference statistics over a 3×3 body-region grid (rows ≈ head/arms, torso, legs; columns left,
/// centre, right) through time. Fed gray frames one at a time; <see cref="Finish"/> gives the signature.
/// Embedding groups, each unit-normalised then weighted: per-cell mean/std/max of motion relative to the
/// clip's mean (27), per-cell mean motion in each quarter of the clip (36), the 16-bin motion-energy profile (16).
/// </summary>
internal sealed class MotionFeatures
{
    public const int Grid = 3;
    public const int Cells = Grid * Grid;
    public const int PostureSide = 8;
    public const int ProfileBins = 16;
    public const int Quarters = 4;
    public const int Dimension = Cells * 3 + Cells * Quarters + ProfileBins;

    private readonly int _width;
    private readonly int _height;
    private readonly double _fps;
    private readonly List<double[]> _cellMotion = [];
    private byte[]? _previous;
    private float[]? _startPosture;
    private int _frames;

    public MotionFeatures(int width, int height, double fps)
    {
        if (width < Grid || height < Grid || !(fps > 0)) throw new ArgumentOutOfRangeException(nameof(width), "frames must be at least 3×3 and fps positive");
        _width = width;
        _height = height;
        _fps = fps;
    }

    /// <summary>Adds the next gray frame (<paramref name="gray"/> is copied where kept, so a reused buffer is fine).</summary>
    public void Add(ReadOnlySpan<byte> gray)
    {
        _startPosture ??= Posture(gray);
        if (_previous is not null)
        {
            var cells = new double[Cells];
            var counts = new int[Cells];
            for (var y = 0; y < _height; y++)
            {
                var row = y * Grid / _height * Grid;
                for (var x = 0; x < _width; x++)
                {
                    var i = y * _width + x;
                    var cell = row + x * Grid / _width;
                    cells[cell] += Math.Abs(gray[i] - _previous[i]);
                    counts[cell]++;
                }
            }

            for (var c = 0; c < Cells; c++) cells[c] /= counts[c] * 255.0;
            _cellMotion.Add(cells);
        }

        _previous ??= new byte[gray.Length];
        gray.CopyTo(_previous);
        _frames++;
    }

    public MotionSignature Finish()
    {
        if (_previous is null || _cellMotion.Count < 2) throw new InvalidOperationException("a motion signature needs at least three frames");
        var energy = _cellMotion.Select(c => c.Average()).ToArray();
        var mean = Math.Max(energy.Average(), 1e-9);

        var stats = new double[Cells * 3];
        var quarters = new double[Cells * Quarters];
        for (var c = 0; c < Cells; c++)
        {
            var series = _cellMotion.Select(m => m[c] / mean).ToArray();
            var cellMean = series.Average();
            stats[c * 3] = cellMean;
            stats[c * 3 + 1] = Math.Sqrt(series.Average(v => (v - cellMean) * (v - cellMean)));
            stats[c * 3 + 2] = series.Max();
            for (var q = 0; q < Quarters; q++)
            {
                var from = q * series.Length / Quarters;
                var to = Math.Max(from + 1, (q + 1) * series.Length / Quarters);
                quarters[c * Quarters + q] = series[from..to].Average();
            }
        }

        var profile = new double[ProfileBins];
        for (var b = 0; b < ProfileBins; b++)
        {
            var from = b * energy.Length / ProfileBins;
            var to = Math.Max(from + 1, (b + 1) * energy.Length / ProfileBins);
            profile[b] = energy[Math.Min(from, energy.Length - 1)..Math.Min(to, energy.Length)].Average();
        }

        double[] embedding = [.. Weighted(stats, 1.0), .. Weighted(quarters, 1.0), .. Weighted(profile, 0.7)];
        return new MotionSignature(Vectors.Normalize(embedding), _startPosture!, Posture(_previous), AccentOffset(energy), _frames / _fps);
    }

    /// <summary>
    /// The hit: the frame interval of peak motion energy, refined by a parabola through its neighbours.
    /// Interval k (between frames k and k + 1) is centred at (k + ½) / fps.
    /// </summary>
    private double AccentOffset(double[] energy)
    {
        var peak = 0;
        for (var k = 1; k < energy.Length; k++) if (energy[k] > energy[peak]) peak = k;
        var shift = 0.0;
        if (peak > 0 && peak < energy.Length - 1)
        {
            var (a, b, c) = (energy[peak - 1], energy[peak], energy[peak + 1]);
            var curvature = a - 2 * b + c;
            if (curvature < 0) shift = Math.Clamp(0.5 * (a - c) / curvature, -0.5, 0.5);
        }

        return Math.Round((peak + 0.5 + shift) / _fps, 4);
    }

    private float[] Posture(ReadOnlySpan<byte> gray)
    {
        var cells = new double[PostureSide * PostureSide];
        var counts = new int[cells.Length];
        for (var y = 0; y < _height; y++)
        {
            for (var x = 0; x < _width; x++)
            {
                var cell = y * PostureSide / _height * PostureSide + x * PostureSide / _width;
                cells[cell] += gray[y * _width + x];
                counts[cell]++;
            }
        }

        for (var i = 0; i < cells.Length; i++) cells[i] /= counts[i];
        var mean = cells.Average();
        for (var i = 0; i < cells.Length; i++) cells[i] -= mean;
        return Vectors.Normalize(cells);
    }

    private static double[] Weighted(double[] group, double weight)
    {
        var unit = Vectors.Normalize(group);
        return unit.Select(v => v * weight).ToArray();
    }

    public static float[] MirrorPosture(float[] posture)
    {
        var mirrored = new float[posture.Length];
        for (var y = 0; y < PostureSide; y++)
        {
            for (var x = 0; x < PostureSide; x++) mirrored[y * PostureSide + x] = posture[y * PostureSide + PostureSide - 1 - x];
        }

        return mirrored;
    }

    /// <summary>Swaps the left and right grid columns in the per-cell groups; the profile has no side.</summary>
    public static float[] MirrorEmbedding(float[] embedding)
    {
        var mirrored = (float[])embedding.Clone();
        for (var row = 0; row < Grid; row++)
        {
            var left = row * Grid;
            var right = row * Grid + Grid - 1;
            for (var s = 0; s < 3; s++) (mirrored[left * 3 + s], mirrored[right * 3 + s]) = (embedding[right * 3 + s], embedding[left * 3 + s]);
            var offset = Cells * 3;
            for (var q = 0; q < Quarters; q++) (mirrored[offset + left * Quarters + q], mirrored[offset + right * Quarters + q]) = (embedding[offset + right * Quarters + q], embedding[offset + left * Quarters + q]);
        }

        return mirrored;
    }
}
