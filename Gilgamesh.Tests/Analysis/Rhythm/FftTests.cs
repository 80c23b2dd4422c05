using System.Numerics;
using Gilgamesh.Modules.Analysis.Rhythm;

namespace Gilgamesh.Tests.Analysis.Rhythm;

public sealed class FftTests
{
    [TestCase(2)]
    [TestCase(4)]
    [TestCase(8)]
    [TestCase(16)]
    [TestCase(64)]
    [TestCase(1024)]
    [TestCase(4096)]
    public void Forward_OnRandomComplexSignal_MatchesNaiveDftTo1e9(int size)
    {
        var random = new Random(size);
        var re = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var im = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var expected = new Complex[size];
        for (var k = 0; k < size; k++)
            for (var n = 0; n < size; n++)
                expected[k] += new Complex(re[n], im[n]) * Complex.FromPolarCoordinates(1, -2 * Math.PI * k * n / size);

        new Fft(size).Forward(re, im);

        for (var k = 0; k < size; k++)
        {
            Assert.That(re[k], Is.EqualTo(expected[k].Real).Within(1e-9), $"Re[{k}]");
            Assert.That(im[k], Is.EqualTo(expected[k].Imaginary).Within(1e-9), $"Im[{k}]");
        }
    }

    [Test]
    public void PowerSpectrogram_OfTwoPackedFrames_MatchesEachFrameAlone()
    {
        // StftFrames packs two real frames into one complex FFT; each must equal its own |DFT|².
        var samples = Enumerable.Range(0, 4096).Select(i => (float)(Math.Sin(i * 0.3) + 0.5 * Math.Cos(i * 0.05))).ToArray();
        var stft = StftFrames.Compute(samples, 256, 128, CancellationToken.None);
        var re = new double[256];
        var im = new double[256];
        var fft = new Fft(256);
        foreach (var t in new[] { 3, 4 })
        {
            for (var i = 0; i < 256; i++)
            {
                var s = t * 128 - 128 + i;
                re[i] = samples[s] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / 256));
                im[i] = 0;
            }
            fft.Forward(re, im);
            for (var k = 0; k <= 128; k++)
                Assert.That(stft.Frame(t)[k], Is.EqualTo(re[k] * re[k] + im[k] * im[k]).Within(1e-3 + 1e-4 * stft.Frame(t)[k]), $"frame {t} bin {k}");
        }
    }

    [TestCase(0)]
    [TestCase(12)]
    public void Constructor_WithSizeNotAPowerOfTwo_Throws(int size) =>
        Assert.That(() => new Fft(size), Throws.TypeOf<ArgumentOutOfRangeException>());
}
