namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Dynamic-programming beat tracker (Ellis 2007, as librosa's <c>beat_track</c>), with a beat period per frame
/// so the grid can follow a tempo change: each frame's score is its Gaussian-smoothed onset strength plus
/// the best earlier beat's score less a penalty on the log-ratio of the interval to the expected period.
/// </summary>
internal static class BeatTracker
{
    /// <summary>librosa's default: how strictly intervals must match the period.</summary>
    private const double Tightness = 100;

    /// <returns>Beat frame indices, ascending.</returns>
    public static int[] Track(ReadOnlySpan<float> onset, ReadOnlySpan<double> period, CancellationToken ct)
    {
        var n = onset.Length;
        if (n == 0) return [];
        var std = StandardDeviation(onset);
        if (std <= 1e-9) return [];

        // The Gaussian weights and interval penalties depend only on the period, which is the same for long
        // runs of frames (the global tempo, or one local estimate per 0.5 s): computed once per distinct period
        // instead of an Exp and a Log per term (the same values, so the same beats).
        var weights = new PeriodTable();
        var penalties = new PeriodTable();
        var local = new double[n];
        for (var i = 0; i < n; i++)
        {
            if ((i & 4095) == 0) ct.ThrowIfCancellationRequested();
            var p = period[i];
            var reach = (int)Math.Round(p);
            var weight = weights.For(p, -reach, reach, static (k, p) =>
            {
                var x = k * 32.0 / p;
                return Math.Exp(-0.5 * x * x);
            });
            var sum = 0.0;
            for (var k = -reach; k <= reach; k++)
            {
                var j = i + k;
                if (j < 0 || j >= n) continue;
                sum += onset[j] / std * weight[k + reach];
            }
            local[i] = sum;
        }

        var cumulative = new double[n];
        var backlink = new int[n];
        var threshold = 0.01 * local.Max();
        var started = false;
        for (var i = 0; i < n; i++)
        {
            var p = period[i];
            var nearest = (int)Math.Round(p / 2);
            var farthest = (int)Math.Round(2 * p);
            var penalty = penalties.For(p, nearest, farthest, static (d, p) =>
            {
                var r = Math.Log(d / p);
                return Tightness * r * r;
            });
            var from = i - farthest;
            var to = i - nearest;
            var best = double.NegativeInfinity;
            var link = -1;
            for (var prev = Math.Max(0, from); prev <= to; prev++)
            {
                var score = cumulative[prev] - penalty[i - prev - nearest];
                if (score > best) (best, link) = (score, prev);
            }
            // Before the first real onset there is nothing to link to: start fresh chains (librosa's first_beat).
            if (!started && local[i] < threshold) link = -1;
            else started = true;
            cumulative[i] = local[i] + (link >= 0 ? best : 0);
            backlink[i] = link;
        }

        var beats = new List<int>();
        for (var b = LastBeat(cumulative); b >= 0; b = backlink[b]) beats.Add(b);
        beats.Reverse();
        return Trim(beats, local);
    }

    /// <summary>The last local maximum of the cumulative score that reaches half their median.</summary>
    private static int LastBeat(double[] cumulative)
    {
        var maxima = new List<int>();
        for (var i = 1; i < cumulative.Length - 1; i++)
            if (cumulative[i] > cumulative[i - 1] && cumulative[i] >= cumulative[i + 1]) maxima.Add(i);
        if (maxima.Count == 0) return cumulative.Length - 1;
        var values = maxima.Select(i => cumulative[i]).Order().ToArray();
        var median = values[values.Length / 2];
        for (var m = maxima.Count - 1; m >= 0; m--)
            if (cumulative[maxima[m]] >= 0.5 * median) return maxima[m];
        return maxima[^1];
    }

    /// <summary>Drops leading and trailing beats whose smoothed onset score is under half the RMS (silence, fades).</summary>
    private static int[] Trim(List<int> beats, double[] local)
    {
        if (beats.Count == 0) return [];
        double[] hann = [0.25, 0.75, 1, 0.75, 0.25];
        var smooth = new double[beats.Count];
        for (var i = 0; i < beats.Count; i++)
            for (var k = -2; k <= 2; k++)
                if (i + k >= 0 && i + k < beats.Count) smooth[i] += local[beats[i + k]] * hann[k + 2];
        var threshold = 0.5 * Math.Sqrt(smooth.Average(v => v * v));
        var first = 0;
        while (first < beats.Count && smooth[first] <= threshold) first++;
        var last = beats.Count - 1;
        while (last > first && smooth[last] <= threshold) last--;
        return beats.GetRange(first, last - first + 1).ToArray();
    }

    private static double StandardDeviation(ReadOnlySpan<float> values)
    {
        var mean = 0.0;
        foreach (var v in values) mean += v;
        mean /= values.Length;
        var sum = 0.0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return values.Length > 1 ? Math.Sqrt(sum / (values.Length - 1)) : 0;
    }

    /// <summary>f(offset, period) for offsets first…last, recomputed only when the period changes.</summary>
    private sealed class PeriodTable
    {
        private double _period = double.NaN;
        private int _first;
        private double[] _values = [];

        public double[] For(double period, int first, int last, Func<int, double, double> f)
        {
            if (period == _period && first == _first && _values.Length == last - first + 1) return _values;
            _period = period;
            _first = first;
            _values = new double[Math.Max(0, last - first + 1)];
            for (var offset = first; offset <= last; offset++) _values[offset - first] = f(offset, period);
            return _values;
        }
    }
}
