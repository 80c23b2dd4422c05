using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Analysis.Silence;

public sealed class SilenceOptionsTests
{
    [TestCase(null, 22_050, 22_050)]
    [TestCase(null, 96_000, SilenceOptions.MaxSourceRate)]
    [TestCase(null, null, SilenceOptions.FallbackRate)]
    [TestCase(16_000, 44_100, 16_000)]
    public void RateFor_IsTheSourceRateUnlessGivenOrAboveTheCap(int? option, int? source, int expected)
    {
        var audio = new MediaStreamInfo(0, MediaStreamType.Audio, "pcm_s16le", null, null, null, 0, null, 1, source, null, false);

        Assert.That(new SilenceOptions(SampleRate: option).RateFor(audio), Is.EqualTo(expected));
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
