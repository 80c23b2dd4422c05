using Gilgamesh.Modules.Analysis.Silence;

namespace Gilgamesh.Tests.Analysis.Silence;

public sealed class DecoderPartsTests
{
    [TestCase(2, 0.4, 2)]
    [TestCase(2, 1.7, 2)]
    [TestCase(2, 2.0, 1)]
    [TestCase(2, 14.5, 1)]
    [TestCase(8, 6.9, 8)]
    [TestCase(1, 0.0, 1)]
    public void ForLoad_GivesOnePartPerProcessorOnlyWhileACoreIsIdle(int processors, double load, int expected) =>
        Assert.That(DecoderParts.ForLoad(processors, load), Is.EqualTo(expected));

    [Test]
    public void ForLoad_WhenTheLoadIsUnknown_GivesOnePartPerProcessor() =>
        Assert.That(DecoderParts.ForLoad(4, null), Is.EqualTo(4));

    [TestCase("13.33 14.90 10.27 3/1234 5678\n", 13.33)]
    [TestCase("0.00 0.01 0.05 1/99 1\n", 0.0)]
    public void ParseLoadAverage_ReadsTheOneMinuteFigure(string text, double expected) =>
        Assert.That(DecoderParts.ParseLoadAverage(text), Is.EqualTo(expected));

    [Test]
    public void ParseLoadAverage_OfSomethingElse_IsNull() =>
        Assert.That(DecoderParts.ParseLoadAverage("n/a"), Is.Null);
}
