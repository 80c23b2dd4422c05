using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// RGB planes to H (0–179, OpenCV's scale, as PySceneDetect uses), S and V (0–255), with integer
/// truncation exactly as <see cref="ConvertScalar"/> does it. The vector path divides in float: every
/// quotient here is n/d with |n| &lt; 2^24 and d ≤ 255, so a non-integer quotient lies at least 1/255
/// from an integer while the correctly rounded float quotient is off by at most 255·2^-24; truncating
/// it therefore gives the integer quotient (a test compares both paths on all 2^24 colours).
/// </summary>
internal static class HsvConversion
{
    public static void Convert(ReadOnlySpan<byte> r, ReadOnlySpan<byte> g, ReadOnlySpan<byte> b, Span<byte> h, Span<byte> s, Span<byte> v)
    {
        var done = Vector256.IsHardwareAccelerated ? ConvertVector(r, g, b, h, s, v) : 0;
        ConvertScalar(r[done..], g[done..], b[done..], h[done..], s[done..], v[done..]);
    }

    /// <summary>The reference: one pixel at a time, integer arithmetic.</summary>
    public static void ConvertScalar(ReadOnlySpan<byte> r, ReadOnlySpan<byte> g, ReadOnlySpan<byte> b, Span<byte> h, Span<byte> s, Span<byte> v)
    {
        for (var i = 0; i < h.Length; i++)
        {
            int red = r[i], green = g[i], blue = b[i];
            var max = Math.Max(red, Math.Max(green, blue));
            var delta = max - Math.Min(red, Math.Min(green, blue));
            v[i] = (byte)max;
            s[i] = max == 0 ? (byte)0 : (byte)(255 * delta / max);
            if (delta == 0)
            {
                h[i] = 0;
                continue;
            }

            var hue60 = max == red ? 60 * (green - blue) / delta : max == green ? 120 + 60 * (blue - red) / delta : 240 + 60 * (red - green) / delta;
            h[i] = (byte)((hue60 < 0 ? hue60 + 360 : hue60) / 2 % 180);
        }
    }

    /// <summary>32 pixels per step; returns how many pixels it converted (a multiple of 32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ConvertVector(ReadOnlySpan<byte> r, ReadOnlySpan<byte> g, ReadOnlySpan<byte> b, Span<byte> h, Span<byte> s, Span<byte> v)
    {
        var count = h.Length / 32 * 32;
        for (var i = 0; i < count; i += 32)
        {
            var red = Vector256.Create(r.Slice(i, 32));
            var green = Vector256.Create(g.Slice(i, 32));
            var blue = Vector256.Create(b.Slice(i, 32));
            var max = Vector256.Max(red, Vector256.Max(green, blue));
            var delta = max - Vector256.Min(red, Vector256.Min(green, blue));
            max.CopyTo(v.Slice(i, 32));

            var (r0, r1) = Vector256.Widen(red);
            var (g0, g1) = Vector256.Widen(green);
            var (b0, b1) = Vector256.Widen(blue);
            var (m0, m1) = Vector256.Widen(max);
            var (d0, d1) = Vector256.Widen(delta);
            var (s0, h0) = SixteenPixels(r0, g0, b0, m0, d0);
            var (s1, h1) = SixteenPixels(r1, g1, b1, m1, d1);
            Vector256.Narrow(s0, s1).CopyTo(s.Slice(i, 32));
            Vector256.Narrow(h0, h1).CopyTo(h.Slice(i, 32));
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<ushort> S, Vector256<ushort> H) SixteenPixels(
        Vector256<ushort> r, Vector256<ushort> g, Vector256<ushort> b, Vector256<ushort> max, Vector256<ushort> delta)
    {
        var (r0, r1) = Vector256.Widen(r);
        var (g0, g1) = Vector256.Widen(g);
        var (b0, b1) = Vector256.Widen(b);
        var (m0, m1) = Vector256.Widen(max);
        var (d0, d1) = Vector256.Widen(delta);
        var (s0, h0) = EightPixels(r0.AsInt32(), g0.AsInt32(), b0.AsInt32(), m0.AsInt32(), d0.AsInt32());
        var (s1, h1) = EightPixels(r1.AsInt32(), g1.AsInt32(), b1.AsInt32(), m1.AsInt32(), d1.AsInt32());
        return (Vector256.Narrow(s0.AsUInt32(), s1.AsUInt32()), Vector256.Narrow(h0.AsUInt32(), h1.AsUInt32()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<int> S, Vector256<int> H) EightPixels(
        Vector256<int> r, Vector256<int> g, Vector256<int> b, Vector256<int> max, Vector256<int> delta)
    {
        var one = Vector256<int>.One;
        // max = 0 implies delta = 0, so dividing by max(max, 1) gives the scalar path's 0 without a branch.
        var saturation = TruncatedQuotient(delta * 255, Vector256.Max(max, one));

        // Same branch order as the scalar path: red wins ties, then green.
        var redIsMax = Vector256.Equals(max, r);
        var greenIsMax = ~redIsMax & Vector256.Equals(max, g);
        var numerator = Vector256.ConditionalSelect(redIsMax, g - b, Vector256.ConditionalSelect(greenIsMax, b - r, r - g));
        var sector = Vector256.ConditionalSelect(redIsMax, Vector256<int>.Zero, Vector256.ConditionalSelect(greenIsMax, Vector256.Create(120), Vector256.Create(240)));
        // delta = 0 gives numerator 0 and sector 0 (red is max), so hue 0 as in the scalar path.
        var hue60 = sector + TruncatedQuotient(numerator * 60, Vector256.Max(delta, one));
        hue60 += Vector256.LessThan(hue60, Vector256<int>.Zero) & Vector256.Create(360);
        // hue60 is in [0, 360), so /2 % 180 is a shift.
        return (saturation, Vector256.ShiftRightArithmetic(hue60, 1));
    }

    /// <summary>n / d truncated towards zero, for |n| &lt; 2^24 and 1 ≤ d ≤ 255 (see the type's comment).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> TruncatedQuotient(Vector256<int> numerator, Vector256<int> divisor) =>
        Vector256.ConvertToInt32(Vector256.ConvertToSingle(numerator) / Vector256.ConvertToSingle(divisor));
}
