using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Media;

public class MediaProbeTests
{
    [Test]
    public async Task Probe_WhenGeneratedClip_ReportsDurationSizeRateAndCodecs()
    {
        var info = await MediaTools.Probe.ProbeAsync(await MediaGenerator.VideoWithToneAsync());

        Assert.That(info.DurationSeconds, Is.EqualTo(MediaGenerator.Seconds).Within(0.05));
        Assert.That(info.FormatName, Does.Contain("mp4"));
        Assert.That(info.BitRate, Is.GreaterThan(0));
        var video = info.PrimaryVideo!;
        Assert.That((video.Codec, video.Width, video.Height, video.Rotation), Is.EqualTo(("h264", (int?)640, (int?)360, 0)));
        Assert.That(video.FramesPerSecond, Is.EqualTo(25).Within(0.01));
        var audio = info.PrimaryAudio!;
        Assert.That((audio.Codec, audio.Channels, audio.SampleRate), Is.EqualTo(("aac", (int?)1, (int?)48000)));
    }

    [Test]
    public async Task Probe_WhenAudioOnly_HasNoPrimaryVideo()
    {
        var info = await MediaTools.Probe.ProbeAsync(await MediaGenerator.ToneOnlyAsync());

        Assert.That(info.PrimaryVideo, Is.Null);
        Assert.That(info.PrimaryAudio!.Codec, Is.EqualTo("pcm_s16le"));
    }

    [Test]
    public void Probe_WhenTextFileNamedMp4_ThrowsUnreadable422()
    {
        var error = Assert.ThrowsAsync<GilgameshException>(() => MediaTools.Probe.ProbeAsync(MediaGenerator.TextFileNamedMp4()))!;

        Assert.That(error.Code, Is.AnyOf(ErrorCodes.MediaUnreadable, ErrorCodes.ProbeFailed));
        Assert.That(error.StatusCode, Is.EqualTo(422));
    }

    [Test]
    public async Task Probe_WhenMp4IsTruncated_ThrowsUnreadable()
    {
        var truncated = await MediaGenerator.TruncatedMp4Async();

        var error = Assert.ThrowsAsync<GilgameshException>(() => MediaTools.Probe.ProbeAsync(truncated))!;

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.MediaUnreadable));
    }

    [Test]
    public void Probe_WhenFileDoesNotExist_ThrowsUnreadable()
    {
        var error = Assert.ThrowsAsync<GilgameshException>(() => MediaTools.Probe.ProbeAsync("/nonexistent/clip.mp4"))!;

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.MediaUnreadable));
    }
}
