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
    // 400 is not a power of two; a direct DFT with precomputed twiddles is exact and, for Whisper's 201 bins,
    // cheap next to the encoder. Silent (all-zero) frames skip it entirely, so padding costs nothing.
    private readonly double[] _cos = new double[FftSize];
    private readonly double[] _sin = new double[FftSize];

    public WhisperLogMel(int melBins)
    {
        _filters = new SlaneyMelFilters(SampleRate, FftSize, melBins);
        for (var i = 0; i < FftSize; i++)
        {
            _window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / FftSize);
            _cos[i] = Math.Cos(2 * Math.PI * i / FftSize);
            _sin[i] = Math.Sin(2 * Math.PI * i / FftSize);
        }
    }

    public int MelBins => _filters.Bands;

    /// <summary>Features of one window: the first 30 s of <paramref name="samples"/>, zero padded.</summary>
    public float[] Compute(ReadOnlySpan<float> samples, CancellationToken cancellationToken = default)
    {
        var audio = new float[WindowSamples];
        samples[..Math.Min(samples.Length, WindowSamples)].CopyTo(audio);
        var bands = _filters.Bands;
        var bins = _filters.Bins;
        var logMel = new double[bands * Frames];
        var frame = new double[FftSize];
        var power = new double[bins];
        var max = double.NegativeInfinity;
        for (var t = 0; t < Frames; t++)
        {
            if ((t & 127) == 0) cancellationToken.ThrowIfCancellationRequested();
            var silent = LoadFrame(audio, t * Hop - FftSize / 2, frame);
            if (silent) Array.Clear(power);
            else PowerSpectrum(frame, power);
            for (var m = 0; m < bands; m++)
            {
                var sum = 0.0;
                for (var k = 0; k < bins; k++) sum += _filters.Weights[m, k] * power[k];
                var value = Math.Log10(Math.Max(sum, 1e-10));
                logMel[m * Frames + t] = value;
                if (value > max) max = value;
            }
        }

        var floor = max - 8.0;
        var features = new float[logMel.Length];
        for (var i = 0; i < logMel.Length; i++) features[i] = (float)((Math.Max(logMel[i], floor) + 4.0) / 4.0);
        return features;
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

    private void PowerSpectrum(double[] frame, double[] power)
    {
        for (var k = 0; k < power.Length; k++)
        {
            double re = 0, im = 0;
            var index = 0;
            for (var n = 0; n < FftSize; n++)
            {
                re += frame[n] * _cos[index];
                im -= frame[n] * _sin[index];
                index += k;
                if (index >= FftSize) index -= FftSize;
            }
            power[k] = re * re + im * im;
        }
    }
}
