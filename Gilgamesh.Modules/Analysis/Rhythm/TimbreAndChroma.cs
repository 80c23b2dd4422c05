namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>
/// 20 MFCC (40 mel bands, dB, orthonormal DCT-II, as librosa) and 12-bin chroma (STFT power folded onto
/// pitch classes 55 Hz–5 kHz, C first, each frame scaled to max 1) from one power spectrogram. A long FFT
/// (4096 at 24 kHz, 5.9 Hz bins) so low notes land in the right pitch class.
/// </summary>
internal sealed class TimbreAndChroma
{
    public const int MfccCount = 20;
    public const int ChromaCount = 12;
    private const int MelBands = 40;

    private TimbreAndChroma(float[][] mfcc, float[][] chroma)
    {
        Mfcc = mfcc;
        Chroma = chroma;
    }

    public float[][] Mfcc { get; }
    public float[][] Chroma { get; }

    public static TimbreAndChroma Compute(StftFrames stft, int sampleRate, int fftSize, CancellationToken ct)
    {
        var mel = new MelFilterBank(sampleRate, fftSize, MelBands, 0, 8000);
        var dct = new double[MfccCount, MelBands];
        for (var k = 0; k < MfccCount; k++)
            for (var m = 0; m < MelBands; m++)
                dct[k, m] = Math.Cos(Math.PI * k * (2 * m + 1) / (2.0 * MelBands)) * Math.Sqrt((k == 0 ? 1.0 : 2.0) / MelBands);

        var pitchClass = new int[stft.Bins];
        for (var b = 0; b < stft.Bins; b++)
        {
            var hz = (double)b * sampleRate / fftSize;
            pitchClass[b] = hz is < 55 or > 5000 ? -1 : ((int)Math.Round(12 * Math.Log2(hz / 440)) + 9 + 1200) % 12;
        }

        var mfcc = new float[stft.Count][];
        var chroma = new float[stft.Count][];
        var bands = new float[MelBands];
        for (var t = 0; t < stft.Count; t++)
        {
            if ((t & 255) == 0) ct.ThrowIfCancellationRequested();
            var frame = stft.Frame(t);
            mel.Apply(frame, bands);
            for (var m = 0; m < MelBands; m++) bands[m] = 10f * MathF.Log10(MathF.Max(bands[m], 1e-10f));
            var coefficients = new float[MfccCount];
            for (var k = 0; k < MfccCount; k++)
            {
                var sum = 0.0;
                for (var m = 0; m < MelBands; m++) sum += dct[k, m] * bands[m];
                coefficients[k] = (float)sum;
            }
            mfcc[t] = coefficients;

            var pitch = new float[ChromaCount];
            for (var b = 0; b < frame.Length; b++) if (pitchClass[b] >= 0) pitch[pitchClass[b]] += frame[b];
            var max = pitch.Max();
            if (max > 1e-10f) for (var c = 0; c < ChromaCount; c++) pitch[c] /= max;
            chroma[t] = pitch;
        }
        return new TimbreAndChroma(mfcc, chroma);
    }
}
