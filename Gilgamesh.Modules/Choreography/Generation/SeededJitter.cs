namespace Gilgamesh.Modules.Choreography.Generation;

/// <summary>
/// A tie-breaking nudge in [0, 1) from (seed, slot, move): SplitMix64, so the same seed gives the same
/// blueprint on every machine and run, and another seed a different but equally valid one.
/// </summary>
internal static class SeededJitter
{
    public static double Of(long seed, int slot, Guid move)
    {
        var bytes = move.ToByteArray();
        var x = (ulong)seed ^ ((ulong)slot * 0x9E3779B97F4A7C15UL) ^ BitConverter.ToUInt64(bytes, 0) ^ (BitConverter.ToUInt64(bytes, 8) << 1);
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
