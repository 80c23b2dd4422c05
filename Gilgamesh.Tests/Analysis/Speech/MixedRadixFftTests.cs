using Gilgamesh.Modules.Analysis.Speech;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>The log-mel's FFT against the textbook DFT sum, on sizes that exercise every radix and mix of them.</summary>
public sealed class MixedRadixFftTests
{
    [TestCase(1)]
    [TestCase(8)]
    [TestCase(200)]
    [TestCase(400)]
    [TestCase(2 * 3 * 5 * 4)]
    [TestCase(125)]
    public void Forward_MatchesTheDirectDft(int n)
    {
        var random = new Random(n);
        var inRe = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var inIm = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var fft = new MixedRadixFft(n);
        var re = new double[n];
        var im = new double[n];

        fft.Forward(inRe, inIm, re, im, new double[fft.MaxRadix], new double[fft.MaxRadix]);

        for (var k = 0; k < n; k++)
        {
            double expectedRe = 0, expectedIm = 0;
            for (var t = 0; t < n; t++)
            {
                var angle = -2 * Math.PI * k * t / n;
                expectedRe += inRe[t] * Math.Cos(angle) - inIm[t] * Math.Sin(angle);
                expectedIm += inRe[t] * Math.Sin(angle) + inIm[t] * Math.Cos(angle);
            }
            Assert.That(re[k], Is.EqualTo(expectedRe).Within(1e-9), $"re[{k}]");
            Assert.That(im[k], Is.EqualTo(expectedIm).Within(1e-9), $"im[{k}]");
        }
    }

    [Test]
    public void RealPowerSpectrum_MatchesTheDirectDftOfTheRealFrame()
    {
        var random = new Random(400);
        var frame = Enumerable.Range(0, 400).Select(_ => random.NextDouble() - 0.5).ToArray();
        var spectrum = new RealPowerSpectrum(400);
        var power = new double[spectrum.Bins];

        spectrum.Compute(frame, power, spectrum.CreateWorkspace());

        Assert.That(power, Has.Length.EqualTo(201));
        for (var k = 0; k < power.Length; k++)
        {
            double re = 0, im = 0;
            for (var t = 0; t < frame.Length; t++)
            {
                re += frame[t] * Math.Cos(2 * Math.PI * k * t / 400);
                im -= frame[t] * Math.Sin(2 * Math.PI * k * t / 400);
            }
            Assert.That(power[k], Is.EqualTo(re * re + im * im).Within(1e-9), $"bin {k}");
        }
    }

    [Test]
    public void SizeWithAPrimeFactorAboveFive_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixedRadixFft(14));
}
