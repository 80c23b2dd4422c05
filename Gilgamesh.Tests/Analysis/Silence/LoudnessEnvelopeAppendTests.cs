using Gilgamesh.Modules.Analysis.Silence;

namespace Gilgamesh.Tests.Analysis.Silence;

public sealed class LoudnessEnvelopeAppendTests
{
    [Test]
    public void Append_AtAWindowBoundary_EqualsOneEnvelopeOfAllTheSamples()
    {
        const int rate = 22_050;
        var random = new Random(5);
        var samples = Enumerable.Range(0, rate * 3 + 17).Select(_ => (short)random.Next(-20_000, 20_000)).ToArray();
        var cut = 22 * LoudnessEnvelope.BlocksPerWindow * 137; // whole windows of 22-sample blocks

        var one = new LoudnessEnvelope(rate);
        one.Add(samples);
        one.Complete();
        var first = new LoudnessEnvelope(rate);
        first.Add(samples.AsSpan(0, cut));
        var second = new LoudnessEnvelope(rate);
        second.Add(samples.AsSpan(cut));
        first.Append(second);
        first.Complete();

        Assert.That(first.SampleCount, Is.EqualTo(one.SampleCount));
        Assert.That(first.BlockCount, Is.EqualTo(one.BlockCount));
        Assert.That(first.WindowCount, Is.EqualTo(one.WindowCount));
        Assert.That(Enumerable.Range(0, one.BlockCount).Select(first.BlockDb), Is.EqualTo(Enumerable.Range(0, one.BlockCount).Select(one.BlockDb)));
        Assert.That(Enumerable.Range(0, one.WindowCount).Select(first.WindowDb), Is.EqualTo(Enumerable.Range(0, one.WindowCount).Select(one.WindowDb)));
    }

    [Test]
    public void Append_OffAWindowBoundary_IsRefused()
    {
        var first = new LoudnessEnvelope(16_000);
        first.Add(new short[16 * 15]); // one and a half windows
        var second = new LoudnessEnvelope(16_000);
        second.Add(new short[160]);

        Assert.That(() => first.Append(second), Throws.InvalidOperationException);
        Assert.That(() => new LoudnessEnvelope(16_000).Append(new LoudnessEnvelope(22_050)), Throws.InvalidOperationException);
    }
}
