namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Whisper's front end (<c>whisper.audio.log_mel_spectrogram</c>, and Hugging Face's feature extractor):
/// 16 kHz mono padded or trimmed to one 30-s window, STFT with n_fft 400, hop 160, periodic Hann,
/// centred frames with reflect padding, |X|² with the last frame dropped (3000 frames), Slaney mel,
/// log10(max(x, 1e-10)), floor at (window max − 8), then (x + 4) / 4. Output is [mels, 3000] row-major,
/// the layout of the encoder's <c>input_features</c>.
/// </summary>
internal sealed class WhisperLogMel
{
    public const int SampleRate = 16_000;
    public const int FftSize = 400;
    public const int Hop = 160;
    public const int WindowSamples = 30 * SampleRate;
    public const int Frames = WindowSamples / Hop;

    private readonly SlaneyMelFilters _filters;
    private readonly double[] _window = new double[FftSize];
    // 400 is not a power of two: a mixed-radix real FFT (200-point complex, 2³·5²) instead of the direct DFT
    // it replaced (~0.3 s per window). Silent (all-zero) frames skip it entirely, so padding costs nothing.
    private readonly RealPowerSpectrum _spectrum = new(FftSize);
    // The triangular filters are zero outside a few bins: each band sums only its own range.
    private readonly int[] _firstBin;
    private readonly double[][] _bandWeights;

    public WhisperLogMel(int melBins)
    {
        _filters = new SlaneyMelFilters(SampleRate, FftSize, melBins);
        for (var i = 0; i < FftSize; i++) _window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / FftSize);
        _firstBin = new int[melBins];
        _bandWeights = new double[melBins][];
        for (var m = 0; m < melBins; m++)
        {
            var first = 0;
            while (first < _filters.Bins && _filters.Weights[m, first] == 0) first++;
            var end = _filters.Bins;
            while (end > first && _filters.Weights[m, end - 1] == 0) end--;
            _firstBin[m] = first;
            _bandWeights[m] = Enumerable.Range(first, end - first).Select(k => _filters.Weights[m, k]).ToArray();
        }
    }

    public int MelBins => _filters.Bands;

    /// <summary>Features of one window: the first 30 s of <paramref name="samples"/>, zero padded.</summary>
    public float[] Compute(ReadOnlySpan<float> samples, CancellationToken cancellationToken = default)
    {
        var audio = new float[WindowSamples];
        samples[..Math.Min(samples.Length, WindowSamples)].CopyTo(audio);
        var logMel = new double[_filters.Bands * Frames];
        // Frames are independent: a few contiguous ranges in parallel, each with its own buffers.
        var ranges = Math.Clamp(Environment.ProcessorCount, 1, 8);
        var maxima = new double[ranges];
        Parallel.For(0, ranges, new ParallelOptions { CancellationToken = cancellationToken },
            r => maxima[r] = LogMelFrames(audio, logMel, r * Frames / ranges, (r + 1) * Frames / ranges, cancellationToken));

        var floor = maxima.Max() - 8.0;
        var features = new float[logMel.Length];
        for (var i = 0; i < logMel.Length; i++) features[i] = (float)((Math.Max(logMel[i], floor) + 4.0) / 4.0);
        return features;
    }

    /// <summary>log10 mel energies of frames [first, end) into <paramref name="logMel"/>; returns their maximum.</summary>
    private double LogMelFrames(float[] audio, double[] logMel, int first, int end, CancellationToken cancellationToken)
    {
        var workspace = _spectrum.CreateWorkspace();
        var frame = new double[FftSize];
        var power = new double[_spectrum.Bins];
        var max = double.NegativeInfinity;
        for (var t = first; t < end; t++)
        {
            if ((t & 127) == 0) cancellationToken.ThrowIfCancellationRequested();
            var silent = LoadFrame(audio, t * Hop - FftSize / 2, frame);
            if (silent) Array.Clear(power);
            else _spectrum.Compute(frame, power, workspace);
            for (var m = 0; m < _bandWeights.Length; m++)
            {
                var weights = _bandWeights[m];
                var bins = power.AsSpan(_firstBin[m], weights.Length);
                var sum = 0.0;
                for (var k = 0; k < weights.Length; k++) sum += weights[k] * bins[k];
                var value = Math.Log10(Math.Max(sum, 1e-10));
                logMel[m * Frames + t] = value;
                if (value > max) max = value;
            }
        }
        return max;
    }

    /// <summary>Windowed samples around a frame centre; indices outside the signal reflect (numpy "reflect", no edge repeat).</summary>
    private bool LoadFrame(float[] audio, int start, double[] frame)
    {
        var silent = true;
        for (var i = 0; i < FftSize; i++)
        {
            var s = start + i;
            if (s < 0) s = -s;
            else if (s >= audio.Length) s = 2 * (audio.Length - 1) - s;
            var v = audio[s] * _window[i];
            frame[i] = v;
            if (v != 0) silent = false;
        }
        return silent;
    }
}
