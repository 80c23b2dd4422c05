namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// Picks the silence threshold from the file itself: the noise floor is the 10th percentile of the
/// 10 ms window levels (any recording with pauses spends more than a tenth of its time in them), the
/// active level the 90th; the threshold sits 30% of the way up from the floor, but at least 6 dB
/// above it (noise-level jitter of 10 ms windows stays within ±2 dB) and at most 15 dB above it (so
/// quiet speech onsets and tails count as speech even in a loud recording).
/// </summary>
internal static class AdaptiveThreshold
{
    private const double BinDb = 0.1;
    private const double LowestFloorDb = -80;

    public static (double ThresholdDb, double NoiseFloorDb) Choose(LoudnessEnvelope envelope)
    {
        // A histogram instead of sorting: constant memory and one pass.
        var bins = new int[(int)(-Decibels.Floor / BinDb) + 1];
        for (var w = 0; w < envelope.WindowCount; w++)
        {
            bins[Bin(envelope.WindowDb(w))]++;
        }

        var floor = Math.Max(LowestFloorDb, Percentile(bins, envelope.WindowCount, 0.10));
        var active = Percentile(bins, envelope.WindowCount, 0.90);
        var rise = Math.Clamp(0.3 * (active - floor), 6, 15);
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
