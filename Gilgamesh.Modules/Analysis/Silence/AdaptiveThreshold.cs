namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// Picks the silence threshold from the file's noise floor alone. The floor is the 10th percentile of the
/// 10 ms window levels (any recording with pauses spends more than a tenth of its time in them). The
/// threshold sits just above the floor's own jitter: the spread between the 1st and 10th percentiles
/// (both inside the pauses) measures how much the floor's windows wander, and the threshold is 2.5 such
/// spreads (≈ 3.5 σ of the floor's window levels) above it, at least 3 dB and at most 6 dB.
/// It deliberately ignores how loud the speech is: a threshold placed a share of the way up to the
/// loud speech lands above a phrase spoken 12 dB softer and cuts it out, though it is clearly audible
/// over the floor. Anything 6 dB over the floor is sound.
/// </summary>
internal static class AdaptiveThreshold
{
    private const double BinDb = 0.1;
    private const double LowestFloorDb = -80;

    /// <summary>Rise over the floor per dB of floor spread (P10 − P1): ≈ 1.4 σ of a Gaussian floor, so ≈ 3.5 σ.</summary>
    private const double SpreadFactor = 2.5;

    /// <summary>White noise windows of 10 ms jitter by ±0.5 dB; 3 dB keeps single 1 ms blocks (±1.5 dB) below it too.</summary>
    private const double MinRiseDb = 3;

    /// <summary>The promise: a phrase 6 dB over the floor is speech, however jittery the floor.</summary>
    private const double MaxRiseDb = 6;

    public static (double ThresholdDb, double NoiseFloorDb) Choose(LoudnessEnvelope envelope)
    {
        // A histogram instead of sorting: constant memory and one pass.
        var bins = new int[(int)(-Decibels.Floor / BinDb) + 1];
        for (var w = 0; w < envelope.WindowCount; w++)
        {
            bins[Bin(envelope.WindowDb(w))]++;
        }

        var floor = Math.Max(LowestFloorDb, Percentile(bins, envelope.WindowCount, 0.10));
        var quietest = Percentile(bins, envelope.WindowCount, 0.01);
        var rise = Math.Clamp(SpreadFactor * (floor - quietest), MinRiseDb, MaxRiseDb);
        return (Math.Round(floor + rise, 1), Math.Round(floor, 1));
    }

    private static int Bin(double db) => (int)Math.Round((db - Decibels.Floor) / BinDb);

    private static double Percentile(int[] bins, int count, double fraction)
    {
        var target = (long)Math.Ceiling(fraction * count);
        long seen = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            seen += bins[i];
            if (seen >= target && seen > 0)
            {
                return Decibels.Floor + i * BinDb;
            }
        }

        return Decibels.Floor;
    }
}
