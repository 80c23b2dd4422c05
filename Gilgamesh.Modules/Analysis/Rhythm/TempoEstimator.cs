namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// Tempo from an autocorrelation tempogram of the onset envelope (librosa's <c>tempo</c>): each 6 s window's
/// mean-removed autocorrelation, normalised by its energy. Averaged over windows it gives the global tempo;
/// per window, a local beat period that lets the beat tracker follow tempo changes. Two priors: the peak is
/// picked under librosa's log-normal prior around 120 BPM (σ = 1 octave), which keeps the pick steady on
/// files with a tempo change or a half-time passage; the octave is then decided (<see cref="Score"/>,
/// <see cref="MetricalLevel"/>) under a prior flat over 70–160 BPM, where a beat is felt, and log-normal
/// outside it (σ = ⅓ octave): inside the range it leaves the choice between two octaves to the evidence,
/// outside it speaks against the level (194 against 97 BPM: 0.71).
/// </summary>
internal sealed class TempoEstimator(double frameRate)
{
    public const double MinBpm = 40;
    public const double MaxBpm = 240;
    private const double WindowSeconds = 6;
    private const double HopSeconds = 0.5;
    private const double PriorLowBpm = 70;
    private const double PriorHighBpm = 160;
    private const double PriorOctaves = 1.0 / 3;
    private const double PickPriorBpm = 120;

    private int MinLag => (int)Math.Floor(60 * frameRate / MaxBpm);
    private int MaxLag => (int)Math.Ceiling(60 * frameRate / MinBpm);

    /// <summary>Mean autocorrelation (lags 0..MaxLag) plus one row per window; rows start every <see cref="HopFrames"/>.</summary>
    public (double[] Global, double[][] Windows) Tempogram(ReadOnlySpan<float> onset, CancellationToken ct)
    {
        var window = Math.Min(onset.Length, (int)(WindowSeconds * frameRate));
        var hop = HopFrames;
        var rows = new List<double[]>();
        var global = new double[MaxLag + 1];
        if (window < 2 * MinLag) return (global, []);
        var segment = new double[window];
        for (var start = 0; start + window <= onset.Length; start += hop)
        {
            ct.ThrowIfCancellationRequested();
            var mean = 0.0;
            for (var i = 0; i < window; i++) mean += onset[start + i];
            mean /= window;
            for (var i = 0; i < window; i++) segment[i] = onset[start + i] - mean;
            var ac = new double[MaxLag + 1];
            for (var lag = 0; lag <= MaxLag && lag < window; lag++)
            {
                var sum = 0.0;
                for (var i = lag; i < window; i++) sum += segment[i] * segment[i - lag];
                // Unbiased: a long lag overlaps fewer frames and must not be penalised for it.
                ac[lag] = sum * window / (window - lag);
            }
            var energy = ac[0] > 1e-12 ? ac[0] : 1;
            for (var lag = 0; lag < ac.Length; lag++) ac[lag] /= energy;
            rows.Add(ac);
            for (var lag = 0; lag < ac.Length; lag++) global[lag] += ac[lag];
        }
        for (var lag = 0; lag < global.Length; lag++) global[lag] /= Math.Max(1, rows.Count);
        return (global, rows.ToArray());
    }

    public int HopFrames => Math.Max(1, (int)(HopSeconds * frameRate));
    public int WindowFrames => (int)(WindowSeconds * frameRate);

    /// <summary>
    /// The beat period in (fractional) frames that an autocorrelation row supports best (under the log-normal
    /// pick prior), or 0 if none.
    /// </summary>
    public double BestLag(double[] ac)
    {
        var best = 0;
        var bestScore = 0.0;
        for (var lag = MinLag; lag <= MaxLag && lag < ac.Length - 1; lag++)
        {
            if (ac[lag] < ac[lag - 1] || ac[lag] < ac[lag + 1]) continue;
            var score = ac[lag] * PickPrior(lag);
            if (score > bestScore) (best, bestScore) = (lag, score);
        }
        return best == 0 ? 0 : Refine(ac, best);
    }

    public TempoEstimate Global(double[] ac) => AtLag(ac, BestLag(ac));

    /// <summary>
    /// The estimate for a chosen beat period (e.g. the faster metrical level <see cref="MetricalLevel"/> picked).
    /// <paramref name="onsetEvidence"/> gives, per relation ("half", "double"), the beat tracker's evidence for
    /// that level against the chosen one (1: none either way); it multiplies the tempogram's.
    /// </summary>
    public TempoEstimate AtLag(double[] ac, double lag, IReadOnlyDictionary<string, double>? onsetEvidence = null)
    {
        if (lag > 0 && lag < ac.Length - 1) lag = Refine(ac, PeakNear(ac, lag));
        if (lag <= 0) return new TempoEstimate(0, 0, []);
        var strength = Interpolate(ac, lag);
        var score = strength * Prior(lag);
        var alternatives = new List<TempoAlternative>();
        foreach (var (relation, factor) in new[] { ("half", 2.0), ("double", 0.5) })
        {
            var altLag = lag * factor;
            if (altLag < MinLag || altLag > MaxLag) continue;
            var peak = Refine(ac, PeakNear(ac, altLag));
            var evidence = onsetEvidence is not null && onsetEvidence.TryGetValue(relation, out var e) ? e : 1;
            var relative = score > 0 ? Interpolate(ac, peak) * Prior(peak) * evidence / score : 0;
            alternatives.Add(new TempoAlternative(relation, Round(60 * frameRate / peak, 2), Round(Math.Max(0, relative), 3)));
        }
        return new TempoEstimate(Round(60 * frameRate / lag, 2), Round(Math.Clamp(strength, 0, 1), 3), alternatives);
    }

    /// <summary>Tempogram strength at the peak near a beat period times the prior: the tempogram's evidence for that level.</summary>
    public double Score(double[] ac, double lag)
    {
        if (lag < MinLag || lag > MaxLag || lag >= ac.Length - 1) return 0;
        var peak = Refine(ac, PeakNear(ac, lag));
        return Math.Max(0, Interpolate(ac, peak)) * Prior(peak);
    }

    private double PickPrior(double lag)
    {
        var z = Math.Log2(60 * frameRate / lag / PickPriorBpm);
        return Math.Exp(-0.5 * z * z);
    }

    /// <summary>The octave prior: 1 over 70–160 BPM, log-normal (σ = ⅓ octave) outside.</summary>
    private double Prior(double lag)
    {
        var bpm = 60 * frameRate / lag;
        var octaves = bpm < PriorLowBpm ? Math.Log2(PriorLowBpm / bpm) : bpm > PriorHighBpm ? Math.Log2(bpm / PriorHighBpm) : 0;
        var z = octaves / PriorOctaves;
        return Math.Exp(-0.5 * z * z);
    }

    /// <summary>Largest autocorrelation value within ±8% of a lag.</summary>
    private static int PeakNear(double[] ac, double lag)
    {
        var lo = Math.Max(1, (int)Math.Floor(lag * 0.92));
        var hi = Math.Min(ac.Length - 2, (int)Math.Ceiling(lag * 1.08));
        var best = Math.Clamp((int)Math.Round(lag), 1, ac.Length - 2);
        for (var l = lo; l <= hi; l++) if (ac[l] > ac[best]) best = l;
        return best;
    }

    /// <summary>Parabolic interpolation of the peak: integer lags alone are 1.5% apart at 180 BPM and 100 fps.</summary>
    private static double Refine(double[] ac, int lag)
    {
        if (lag < 1 || lag >= ac.Length - 1) return lag;
        var (a, b, c) = (ac[lag - 1], ac[lag], ac[lag + 1]);
        var denominator = a - 2 * b + c;
        return denominator < 0 ? lag + Math.Clamp(0.5 * (a - c) / denominator, -0.5, 0.5) : lag;
    }

    private static double Interpolate(double[] ac, double lag)
    {
        var i = Math.Clamp((int)Math.Floor(lag), 0, ac.Length - 2);
        var f = lag - i;
        return ac[i] * (1 - f) + ac[i + 1] * f;
    }

    private static double Round(double v, int digits) => Math.Round(v, digits, MidpointRounding.AwayFromZero);
}
