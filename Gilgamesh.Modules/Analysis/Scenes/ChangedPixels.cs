using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>How many pixels of two planes differ by more than a number of levels (slides: a 720p gray frame is 900k pixels).</summary>
internal static class ChangedPixels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Count(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int pixelDelta)
    {
        var changed = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && pixelDelta is >= 0 and < 255)
        {
            var limit = Vector256.Create((byte)pixelDelta);
            for (; i + 32 <= a.Length; i += 32)
            {
                var x = Vector256.Create(a.Slice(i, 32));
                var y = Vector256.Create(b.Slice(i, 32));
                var difference = Vector256.Max(x, y) - Vector256.Min(x, y);
                changed += BitOperations.PopCount(Vector256.GreaterThan(difference, limit).ExtractMostSignificantBits());
            }
        }

        for (; i < a.Length; i++)
        {
            if (Math.Abs(a[i] - b[i]) > pixelDelta)
            {
                changed++;
            }
        }

        return changed;
    }
}
