using Gilgamesh.Modules.Analysis.Silence;

namespace Gilgamesh.Tests.Analysis.Silence;

/// <summary>The 16-bit envelope path against the float one, and its exact sums, at rates that are not a multiple of 1 kHz.</summary>
public sealed class LoudnessEnvelopeTests
{
    [Test]
    public void Add_Int16InChunksAcrossBlockEdges_GivesTheSameBlocksAsFloat()
    {
        const int rate = 22_050;
        var samples = Samples(rate * 3 + 17, seed: 7);
        var asInt16 = new LoudnessEnvelope(rate);
        var asFloat = new LoudnessEnvelope(rate);

        // Chunk lengths that are not multiples of the 22-sample block, so partial blocks carry over.
        for (int start = 0, length = 1; start < samples.Length; start += length, length = length * 7 % 1000 + 1)
        {
            asInt16.Add(samples.AsSpan(start, Math.Min(length, samples.Length - start)));
        }

        asFloat.Add(samples.Select(s => s / 32768f).ToArray());
        asInt16.Complete();
        asFloat.Complete();

        Assert.That(asInt16.SampleCount, Is.EqualTo(samples.Length));
        Assert.That(asInt16.BlockCount, Is.EqualTo(asFloat.BlockCount));
        Assert.That(asInt16.BlockSeconds, Is.EqualTo(22.0 / 22_050));
        for (var b = 0; b < asFloat.BlockCount; b++)
        {
            Assert.That(asInt16.BlockDb(b), Is.EqualTo(asFloat.BlockDb(b)).Within(1e-4), $"block {b}");
        }
    }

    [Test]
    public void WindowDb_StoredWhileStreaming_IsTheMeanOfItsBlocks_IncludingAShortLastWindow()
    {
        const int rate = 16_000;
        var envelope = new LoudnessEnvelope(rate);
        // 3 s plus 5.5 blocks: the last window has 6 blocks, the last of them partial.
        envelope.Add(Samples(rate * 3 + 88, seed: 11).AsSpan());
        envelope.Complete();

        Assert.That(envelope.WindowCount, Is.EqualTo(301));
        for (var w = 0; w < envelope.WindowCount; w++)
        {
            var expected = Decibels.FromEnergy(envelope.MeanEnergy(w * LoudnessEnvelope.BlocksPerWindow, (w + 1) * LoudnessEnvelope.BlocksPerWindow));
            Assert.That(envelope.WindowDb(w), Is.EqualTo(expected), $"window {w}");
        }
    }

    [Test]
    public void Add_FullScaleSquareWave_IsZeroDbfs()
    {
        var envelope = new LoudnessEnvelope(16_000);
        envelope.Add(Enumerable.Range(0, 1600).Select(i => i % 2 == 0 ? short.MinValue : short.MaxValue).ToArray().AsSpan());
        envelope.Complete();

        Assert.That(envelope.BlockDb(0), Is.EqualTo(0).Within(0.001));
    }

    [Test]
    public void SumOfSquares_MatchesTheScalarSumExactly_IncludingFullScaleNegativePairs()
    {
        var random = new Random(3);
        foreach (var length in new[] { 0, 1, 7, 8, 9, 22, 44, 48, 1000 })
        {
            var samples = Samples(length, random.Next());
            if (length > 1) samples[0] = samples[1] = short.MinValue;
            long expected = 0;
            foreach (var s in samples) expected += (long)s * s;

            Assert.That(Int16Energy.SumOfSquares(samples), Is.EqualTo(expected), $"length {length}");
        }
    }

    private static short[] Samples(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (short)random.Next(short.MinValue, short.MaxValue + 1)).ToArray();
    }

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
