using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>Sum of squares of signed 16-bit samples, exact: each square fits an int, the sum a long.</summary>
internal static class Int16Energy
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long SumOfSquares(ReadOnlySpan<short> samples)
    {
        ulong sum = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated && samples.Length >= Vector128<short>.Count)
        {
            // 8 samples a step. Two squares of 16-bit values add up to at most 2^31, which fits a uint
            // lane (not an int one: (-32768)^2 twice); the pairs are then widened to ulong to accumulate.
            ref var start = ref MemoryMarshal.GetReference(samples);
            var total = Vector128<ulong>.Zero;
            for (; i <= samples.Length - Vector128<short>.Count; i += Vector128<short>.Count)
            {
                var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref start, (nuint)i));
                var pairs = (low * low).AsUInt32() + (high * high).AsUInt32();
                var (a, b) = Vector128.Widen(pairs);
                total += a + b;
            }

            sum = Vector128.Sum(total);
        }

        for (; i < samples.Length; i++)
        {
            sum += (uint)(samples[i] * samples[i]);
        }

        return (long)sum;
    }
}
