namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// The rhythm pipeline, PCM in, <see cref="RhythmResult"/> out. Audio is read at 24 kHz so both frame grids
/// are whole hops: the onset envelope at 100 fps (1024-point FFT, hop 240, 10 ms beat resolution) and the
/// timbre/chroma features at exactly 30 fps (4096-point FFT, hop 800). A 3-minute song is ~17 MB of samples.
/// </summary>
internal static class RhythmAnalyzer
{
    /// <summary>A window's own tempo that is the global one, its double or its half keeps the global tempo.</summary>
    private static readonly double[] SameTempoFactors = [1.0, 2.0, 0.5];

    public const int SampleRate = 24_000;
    private const int OnsetFft = 1024;
    private const int OnsetHop = 240;
    private const int FeatureFft = 4096;
    private const int FeatureHop = 800;

    public static async Task<RhythmResult> AnalyzeAsync(IAsyncEnumerable<float[]> pcm, bool includeFeatures, IProgress<double>? progress, CancellationToken ct)
    {
        var chunks = new List<float[]>();
        var total = 0;
        await foreach (var chunk in pcm.WithCancellation(ct).ConfigureAwait(false))
        {
            chunks.Add(chunk);
            total += chunk.Length;
        }
        var samples = new float[total];
        var offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(samples, offset);
            offset += chunk.Length;
        }
        progress?.Report(0.2);
        return Analyze(samples, includeFeatures, progress, ct);
    }

    public static RhythmResult Analyze(float[] samples, bool includeFeatures, IProgress<double>? progress, CancellationToken ct)
    {
        if (samples.Length == 0) return RhythmResult.Empty(0);
        var duration = Math.Round((double)samples.Length / SampleRate, 3);

        // The timbre/chroma spectrogram does not depend on the beat path: compute both at once (half the STFT work each).
        var timbreTask = Task.Run(() => TimbreAndChroma.Compute(StftFrames.Compute(samples, FeatureFft, FeatureHop, ct), SampleRate, FeatureFft, ct), ct);
        var onset = OnsetEnvelope.Compute(StftFrames.Compute(samples, OnsetFft, OnsetHop, ct), SampleRate, OnsetFft, OnsetHop, ct);
        progress?.Report(0.4);
        var estimator = new TempoEstimator(onset.FrameRate);
        var (globalAc, windows) = estimator.Tempogram(onset.Strength, ct);
        var tempo = estimator.Global(globalAc);
        int[] beatFrames = [];
        if (tempo.Bpm > 0)
        {
            var periods = BeatPeriods(estimator, tempo, windows, onset);
            beatFrames = BeatTracker.Track(onset.Strength, periods, ct);
            var lag = 60 * onset.FrameRate / tempo.Bpm;
            var doubleEvidence = MetricalLevel.DoubleEvidence(beatFrames, onset.Strength, tempo.Bpm);
            var (weakShare, strongParity) = MetricalLevel.AlternateShare(beatFrames, onset.Strength);
            if (estimator.Score(globalAc, lag / 2) * doubleEvidence > estimator.Score(globalAc, lag))
            {
                tempo = estimator.AtLag(globalAc, lag / 2, new Dictionary<string, double> { ["half"] = 1 / doubleEvidence });
                for (var t = 0; t < periods.Length; t++) periods[t] /= 2;
                beatFrames = BeatTracker.Track(onset.Strength, periods, ct);
            }
            else if (MetricalLevel.IsSubdivision(beatFrames.Length, weakShare, tempo.Bpm))
            {
                tempo = estimator.AtLag(globalAc, lag * 2, new Dictionary<string, double> { ["double"] = MetricalLevel.SubdivisionEvidence(weakShare) });
                beatFrames = beatFrames.Where((_, i) => i % 2 == strongParity).ToArray();
            }
            else
            {
                tempo = estimator.AtLag(globalAc, lag, new Dictionary<string, double> { ["double"] = doubleEvidence, ["half"] = 1 / MetricalLevel.SubdivisionEvidence(weakShare) });
            }
        }
        var beatTimes = beatFrames.Select(f => Math.Round(f / onset.FrameRate, 3)).ToArray();
        progress?.Report(0.6);

        var positions = DownbeatDetector.Positions(beatFrames, onset);
        var energy = EnergyCurve.PerBeat(samples, beatTimes, SampleRate);
        var beats = new Beat[beatFrames.Length];
        var bar = 0;
        for (var i = 0; i < beats.Length; i++)
        {
            // Bars count from the first downbeat; beats before it are a pickup (bar 0).
            if (positions[i] == 1) bar++;
            var interval = i + 1 < beats.Length ? beatTimes[i + 1] - beatTimes[i] : i > 0 ? beatTimes[i] - beatTimes[i - 1] : 0;
            beats[i] = new Beat(beatTimes[i], bar, positions[i], interval > 0 ? Math.Round(60 / interval, 1) : tempo.Bpm, energy[i]);
        }
        var downbeats = beats.Where(b => b.Position == 1).Select(b => b.Time).ToArray();

        var timbre = timbreTask.GetAwaiter().GetResult();
        progress?.Report(0.9);
        var featureRate = (double)SampleRate / FeatureHop;
        var sections = SectionSegmenter.Segment(timbre, featureRate, duration, beatTimes);
        var features = includeFeatures ? FeatureFrames.Build(timbre, featureRate, onset, beatFrames) : null;
        progress?.Report(1);
        return new RhythmResult(true, duration, tempo, DownbeatDetector.BeatsPerBar, beats, downbeats, sections, features);
    }

    /// <summary>
    /// The beat period per onset frame: the local tempogram's estimate where the tempo really moves, else the
    /// global one. A local estimate at about twice or half the global period is the same pulse at another
    /// metrical level, so it keeps the global period instead of flipping the beat level mid-song.
    /// </summary>
    private static double[] BeatPeriods(TempoEstimator estimator, TempoEstimate tempo, double[][] windows, OnsetEnvelope onset)
    {
        var global = 60 * onset.FrameRate / tempo.Bpm;
        var local = new double[windows.Length];
        for (var w = 0; w < windows.Length; w++)
        {
            var lag = estimator.BestLag(windows[w]);
            var keepGlobal = lag <= 0 || SameTempoFactors.Any(f => Math.Abs(lag / (global * f) - 1) < 0.06);
            local[w] = keepGlobal ? global : lag;
        }
        // A 5-window (2.5 s) median removes single-window outliers.
        var smooth = new double[local.Length];
        for (var w = 0; w < local.Length; w++)
            smooth[w] = local[Math.Max(0, w - 2)..Math.Min(local.Length, w + 3)].Order().ElementAt((Math.Min(local.Length, w + 3) - Math.Max(0, w - 2)) / 2);

        var periods = new double[onset.Count];
        for (var t = 0; t < periods.Length; t++)
        {
            var w = smooth.Length == 0 ? -1 : Math.Clamp((int)Math.Round((t - estimator.WindowFrames / 2.0) / estimator.HopFrames), 0, smooth.Length - 1);
            periods[t] = w < 0 ? global : smooth[w];
        }
        return periods;
    }
}
