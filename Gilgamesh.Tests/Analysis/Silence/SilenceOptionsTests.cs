using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Tests.Analysis.Silence;

public sealed class SilenceOptionsTests
{
    [Test]
    public void DecodeRates_AreTheCommonRatesUpTo48kUnlessOneIsGiven()
    {
        Assert.That(new SilenceOptions().DecodeRates, Is.EqualTo(SilenceOptions.SourceRates));
        Assert.That(SilenceOptions.SourceRates, Does.Contain(22_050).And.Contain(44_100).And.Contain(48_000));
        Assert.That(SilenceOptions.SourceRates.Max(), Is.EqualTo(48_000));
        Assert.That(new SilenceOptions(SampleRate: 16_000).DecodeRates, Is.EqualTo(new[] { 16_000 }));
    }

    [TestCase("500")]
    [TestCase("22050.5")]
    [TestCase("fast")]
    public void Parse_WithBadSampleRate_IsAnInvalidRequestNamingTheOption(string value)
    {
        var e = Assert.Throws<GilgameshException>(() => SilenceOptions.Parse(new Dictionary<string, string> { ["sample-rate"] = value }));

        Assert.That(e!.Code, Is.EqualTo(ErrorCodes.InvalidRequest));
        Assert.That(e.Message, Does.Contain("--sample-rate"));
    }

    [Test]
    public void Parse_WithoutSampleRate_LeavesItToTheSource()
    {
        Assert.That(SilenceOptions.Parse(new Dictionary<string, string>()).SampleRate, Is.Null);
        Assert.That(SilenceOptions.Parse(new Dictionary<string, string> { ["sample-rate"] = "16000" }).SampleRate, Is.EqualTo(16_000));
    }
}
