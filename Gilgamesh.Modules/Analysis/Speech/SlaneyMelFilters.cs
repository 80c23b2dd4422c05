namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// The mel filter bank Whisper was trained with: librosa's <c>filters.mel(sr, n_fft, n_mels)</c> defaults,
/// i.e. the Slaney mel scale (linear below 1 kHz, logarithmic above; htk=False), fmin 0, fmax sr/2, and
/// Slaney area normalisation (2 / band width). Whisper ships these as a precomputed table; computing them
/// from the formulas keeps 80 and 128 bins (large-v3) without a data file.
/// Stored dense ([bands, bins]) because the STFT bins are few (201).
/// </summary>
internal sealed class SlaneyMelFilters
{
    private const double LinearStepHz = 200.0 / 3;
    private const double LogStartHz = 1000;
    private static readonly double LogStartMel = LogStartHz / LinearStepHz;
    private static readonly double LogStep = Math.Log(6.4) / 27;

    public SlaneyMelFilters(int sampleRate, int fftSize, int bands)
    {
        Bands = bands;
        Bins = fftSize / 2 + 1;
        Weights = new double[bands, Bins];
        var maxMel = HzToMel(sampleRate / 2.0);
        var edges = new double[bands + 2];
        for (var i = 0; i < edges.Length; i++) edges[i] = MelToHz(maxMel * i / (bands + 1));
        for (var m = 0; m < bands; m++)
        {
            var lowerWidth = edges[m + 1] - edges[m];
            var upperWidth = edges[m + 2] - edges[m + 1];
            var norm = 2.0 / (edges[m + 2] - edges[m]);
            for (var k = 0; k < Bins; k++)
            {
                // librosa's fftfreqs: linspace(0, sr/2, bins).
                var f = k * (sampleRate / 2.0) / (Bins - 1);
                var lower = (f - edges[m]) / lowerWidth;
                var upper = (edges[m + 2] - f) / upperWidth;
                Weights[m, k] = Math.Max(0, Math.Min(lower, upper)) * norm;
            }
        }
    }

    public int Bands { get; }
    public int Bins { get; }
    public double[,] Weights { get; }

    public static double HzToMel(double hz) =>
        hz < LogStartHz ? hz / LinearStepHz : LogStartMel + Math.Log(hz / LogStartHz) / LogStep;

    public static double MelToHz(double mel) =>
        mel < LogStartMel ? mel * LinearStepHz : LogStartHz * Math.Exp(LogStep * (mel - LogStartMel));
}
