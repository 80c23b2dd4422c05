using Gilgamesh.Modules.Analysis.Scenes;

namespace Gilgamesh.Tests.Analysis.Scenes;

/// <summary>The SIMD paths of the scene engine give exactly what the one-pixel-at-a-time references give.</summary>
public sealed class VectorPathTests
{
    [Test]
    public void HsvConversion_OnEveryRgbColour_EqualsTheScalarReference()
    {
        const int colours = 1 << 24;
        var r = new byte[colours];
        var g = new byte[colours];
        var b = new byte[colours];
        for (var i = 0; i < colours; i++)
        {
            (r[i], g[i], b[i]) = ((byte)(i >> 16), (byte)(i >> 8), (byte)i);
        }

        // One pixel more than a multiple of 32, so the scalar tail runs too.
        var length = colours - 31;
        var (h, s, v) = (new byte[length], new byte[length], new byte[length]);
        var (hs, ss, vs) = (new byte[length], new byte[length], new byte[length]);
        HsvConversion.Convert(r.AsSpan(0, length), g.AsSpan(0, length), b.AsSpan(0, length), h, s, v);
        HsvConversion.ConvertScalar(r.AsSpan(0, length), g.AsSpan(0, length), b.AsSpan(0, length), hs, ss, vs);

        Assert.That(FirstDifference(h, hs), Is.EqualTo(-1), "hue");
        Assert.That(FirstDifference(s, ss), Is.EqualTo(-1), "saturation");
        Assert.That(FirstDifference(v, vs), Is.EqualTo(-1), "value");
    }

    [Test]
    public void ContentScore_AgainstAFullyColouredFrame_EqualsTheScalarReferenceForEveryHsvTriple()
    {
        // Frame a is pure red at full S and V, so min(S), min(V), |ΔH| (0..90), |ΔS| and |ΔV| over frame b's
        // triples take every value the per-pixel terms can see. One frame per (H, S): the 256 values of V.
        const int pixels = 256;
        var a = new HsvFrame(pixels);
        Array.Fill(a.S, (byte)255);
        Array.Fill(a.V, (byte)255);
        var b = new HsvFrame(pixels);
        for (var v = 0; v < pixels; v++)
        {
            b.V[v] = (byte)v;
        }

        var mismatches = new List<string>();
        for (var hue = 0; hue < 180; hue++)
        {
            Array.Fill(b.H, (byte)hue);
            for (var saturation = 0; saturation < 256; saturation++)
            {
                Array.Fill(b.S, (byte)saturation);
                if (ContentScore.Between(a, b) != ContentScore.BetweenScalar(a, b))
                {
                    mismatches.Add($"H {hue} S {saturation}");
                }
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    [TestCase(14400, 1)]
    [TestCase(14401, 2)]
    [TestCase(1000, 3)]
    public void ContentScore_OnRandomFrames_EqualsTheScalarReference(int pixels, int seed)
    {
        var random = new Random(seed);
        var a = RandomFrame(pixels, random);
        var b = RandomFrame(pixels, random);

        Assert.That(ContentScore.Between(a, b), Is.EqualTo(ContentScore.BetweenScalar(a, b)));
    }

    [TestCase(0)]
    [TestCase(32)]
    [TestCase(254)]
    [TestCase(255)]
    public void ChangedPixels_OnRandomPlanes_CountsLikeAPixelLoop(int pixelDelta)
    {
        var random = new Random(pixelDelta);
        var (a, b) = (new byte[1000 * 33 + 7], new byte[1000 * 33 + 7]);
        random.NextBytes(a);
        random.NextBytes(b);

        var expected = a.Zip(b).Count(p => Math.Abs(p.First - p.Second) > pixelDelta);

        Assert.That(ChangedPixels.Count(a, b, pixelDelta), Is.EqualTo(expected));
    }

    private static HsvFrame RandomFrame(int pixels, Random random)
    {
        var frame = new HsvFrame(pixels);
        random.NextBytes(frame.S);
        random.NextBytes(frame.V);
        for (var i = 0; i < pixels; i++)
        {
            frame.H[i] = (byte)random.Next(180);
        }

        return frame;
    }

    private static int FirstDifference(byte[] x, byte[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i])
            {
                return i;
            }
        }

        return -1;
    }
}
