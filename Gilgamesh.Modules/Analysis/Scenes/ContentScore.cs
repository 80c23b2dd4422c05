using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// PySceneDetect's content value: the mean over pixels of |ΔH|, |ΔS| and |ΔV|, averaged over the three
/// channels. Two deliberate differences: hue distance is circular (red at 0 and at 179 is the same
/// colour), and it is weighted by the lower saturation × value of the pair, because hue is noise on
/// near-grey and near-black pixels (a fade through black would otherwise score like a cut); for the
/// same reason saturation, which is max−min over a tiny max on dark pixels, is weighted by the lower value.
/// The vector path truncates every per-pixel division exactly like <see cref="BetweenScalar"/>: each
/// numerator is below 2^24 and each quotient below 256, so the float quotient is within 2^-16 of the
/// exact one, closer than any non-integer quotient of these divisors (≥ 1/65025) comes to an integer.
/// </summary>
internal static class ContentScore
{
    public static double Between(HsvFrame a, HsvFrame b)
    {
        var pixels = a.H.Length;
        long sum = 0;
        var done = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            done = SumVector(a, b, out sum);
        }

        sum += SumScalar(a, b, done, pixels);
        return (double)sum / (3.0 * pixels);
    }

    /// <summary>The reference: one pixel at a time.</summary>
    public static double BetweenScalar(HsvFrame a, HsvFrame b) => (double)SumScalar(a, b, 0, a.H.Length) / (3.0 * a.H.Length);

    private static long SumScalar(HsvFrame a, HsvFrame b, int from, int to)
    {
        long hue = 0, saturation = 0, value = 0;
        for (var i = from; i < to; i++)
        {
            var dh = Math.Abs(a.H[i] - b.H[i]);
            dh = Math.Min(dh, 180 - dh);
            var weight = Math.Min(a.S[i], b.S[i]) * Math.Min(a.V[i], b.V[i]);
            // dh (0..90) scaled to 0..255 like the other channels, times weight / 255².
            hue += dh * 255 / 90 * weight / 65025;
            saturation += Math.Abs(a.S[i] - b.S[i]) * Math.Min(a.V[i], b.V[i]) / 255;
            value += Math.Abs(a.V[i] - b.V[i]);
        }

        return hue + saturation + value;
    }

    /// <summary>32 pixels per step; returns how many pixels it summed (a multiple of 32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SumVector(HsvFrame a, HsvFrame b, out long sum)
    {
        var count = a.H.Length / 32 * 32;
        // Per lane at most 765 per step: int lanes hold frames up to ~90 million pixels.
        var total = Vector256<int>.Zero;
        for (var i = 0; i < count; i += 32)
        {
            var ha = Vector256.Create(a.H.AsSpan(i, 32));
            var hb = Vector256.Create(b.H.AsSpan(i, 32));
            var sa = Vector256.Create(a.S.AsSpan(i, 32));
            var sb = Vector256.Create(b.S.AsSpan(i, 32));
            var va = Vector256.Create(a.V.AsSpan(i, 32));
            var vb = Vector256.Create(b.V.AsSpan(i, 32));
            var dh = Vector256.Max(ha, hb) - Vector256.Min(ha, hb);
            dh = Vector256.Min(dh, Vector256.Create((byte)180) - dh);
            var minS = Vector256.Min(sa, sb);
            var minV = Vector256.Min(va, vb);
            var ds = Vector256.Max(sa, sb) - minS;
            var dv = Vector256.Max(va, vb) - minV;
            total += SixteenPixels(Vector256.WidenLower(dh), Vector256.WidenLower(minS), Vector256.WidenLower(minV), Vector256.WidenLower(ds), Vector256.WidenLower(dv));
            total += SixteenPixels(Vector256.WidenUpper(dh), Vector256.WidenUpper(minS), Vector256.WidenUpper(minV), Vector256.WidenUpper(ds), Vector256.WidenUpper(dv));
        }

        sum = 0;
        for (var lane = 0; lane < Vector256<int>.Count; lane++)
        {
            sum += total[lane];
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> SixteenPixels(Vector256<ushort> dh, Vector256<ushort> minS, Vector256<ushort> minV, Vector256<ushort> ds, Vector256<ushort> dv) =>
        EightPixels(Vector256.WidenLower(dh).AsInt32(), Vector256.WidenLower(minS).AsInt32(), Vector256.WidenLower(minV).AsInt32(), Vector256.WidenLower(ds).AsInt32(), Vector256.WidenLower(dv).AsInt32())
        + EightPixels(Vector256.WidenUpper(dh).AsInt32(), Vector256.WidenUpper(minS).AsInt32(), Vector256.WidenUpper(minV).AsInt32(), Vector256.WidenUpper(ds).AsInt32(), Vector256.WidenUpper(dv).AsInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> EightPixels(Vector256<int> dh, Vector256<int> minS, Vector256<int> minV, Vector256<int> ds, Vector256<int> dv)
    {
        var scaledHue = TruncatedQuotient(dh * 255, Vector256.Create(90f));
        var hue = TruncatedQuotient(scaledHue * (minS * minV), Vector256.Create(65025f));
        var saturation = TruncatedQuotient(ds * minV, Vector256.Create(255f));
        return hue + saturation + dv;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> TruncatedQuotient(Vector256<int> numerator, Vector256<float> divisor) =>
        Vector256.ConvertToInt32(Vector256.ConvertToSingle(numerator) / divisor);
}
