using Gilgamesh.Modules.Analysis.Scenes;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Analysis.Scenes;

/// <summary>Keyframes by seek and by one pass (real ffmpeg) are the same images; the plan picks the cheaper.</summary>
public sealed class KeyframeWriterTests
{
    // Not on frame boundaries (25 fps), spread over a 10 s GOP so seeks decode from different key frames.
    private static readonly double[] Times = [0.51, 3.33, 9.97, 10.02, 17.5, 23.87, 29.1];

    [Test]
    public async Task OnePass_WritesTheSameImagesAsSeeks_IncludingLaterPassesThatSeekFirst()
    {
        var clip = await LongGopClipAsync();
        using var seeks = new TempDirectory();
        using var pass = new TempDirectory();
        using var groups = new TempDirectory();

        var bySeek = await Writer.WriteAsync(clip, Times, 25, 30, seeks.Path, onePass: false, CancellationToken.None);
        var byPass = await Writer.WriteAsync(clip, Times, 25, 30, pass.Path, onePass: true, CancellationToken.None);
        var byGroups = await new KeyframeWriter(MediaTools.Runner, MediaTools.Probe) { TimesPerPass = 3 }
            .WriteAsync(clip, Times, 25, 30, groups.Path, onePass: true, CancellationToken.None);

        Assert.That(bySeek.Select(Path.GetFileName), Is.EqualTo(Enumerable.Range(1, Times.Length).Select(i => $"scene-{i:0000}.jpg")));
        for (var i = 0; i < Times.Length; i++)
        {
            var expected = await File.ReadAllBytesAsync(bySeek[i]);
            Assert.That(expected, Has.Length.GreaterThan(1000));
            Assert.That(await File.ReadAllBytesAsync(byPass[i]), Is.EqualTo(expected), $"one pass, image {i + 1} at {Times[i]} s");
            Assert.That(await File.ReadAllBytesAsync(byGroups[i]), Is.EqualTo(expected), $"passes of 3, image {i + 1} at {Times[i]} s");
        }

        Assert.That(Directory.GetFiles(pass.Path), Has.Length.EqualTo(Times.Length), "nothing but the images");
    }

    [Test]
    public async Task OnePass_WithMoreTimesThanFfmpegsFlatExpressionsTake_WritesEveryImage()
    {
        // 120 images a quarter second apart: a flat sum of 120 select terms is more than ffmpeg parses.
        var clip = await LongGopClipAsync();
        var times = Enumerable.Range(0, 120).Select(i => 0.13 + i * 0.245).ToList();
        using var pass = new TempDirectory();
        using var seeks = new TempDirectory();

        var byPass = await Writer.WriteAsync(clip, times, 25, 30, pass.Path, onePass: true, CancellationToken.None);
        var bySeek = await Writer.WriteAsync(clip, times, 25, 30, seeks.Path, onePass: false, CancellationToken.None);

        Assert.That(Directory.GetFiles(pass.Path), Has.Length.EqualTo(times.Count));
        for (var i = 0; i < times.Count; i += 7)
        {
            Assert.That(await File.ReadAllBytesAsync(byPass[i]), Is.EqualTo(await File.ReadAllBytesAsync(bySeek[i])), $"image {i + 1} at {times[i]} s");
        }
    }

    [Test]
    public async Task OnePass_WhenTwoTimesShareAFrame_StillNumbersEveryImageRight()
    {
        // 3.30 and 3.31 s both fall on the frame at 3.32 s (25 fps): a pass writes one image for both.
        var clip = await LongGopClipAsync();
        double[] times = [1.0, 3.30, 3.31, 5.0, 7.5];
        using var pass = new TempDirectory();
        using var seeks = new TempDirectory();

        var byPass = await Writer.WriteAsync(clip, times, 25, 30, pass.Path, onePass: true, CancellationToken.None);
        var bySeek = await Writer.WriteAsync(clip, times, 25, 30, seeks.Path, onePass: false, CancellationToken.None);

        for (var i = 0; i < times.Length; i++)
        {
            Assert.That(await File.ReadAllBytesAsync(byPass[i]), Is.EqualTo(await File.ReadAllBytesAsync(bySeek[i])), $"image {i + 1} at {times[i]} s");
        }
    }

    [Test]
    public async Task KeyPacketTimes_OfALongGopClip_AreItsKeyFrames()
    {
        var keys = await MediaTools.Probe.KeyPacketTimesAsync(await LongGopClipAsync());

        Assert.That(keys, Is.EqualTo(new[] { 0.0, 10.0, 20.0 }).Within(0.001));
    }

    [Test]
    public async Task KeyPacketTimes_OfATextFile_AreEmpty()
    {
        Assert.That(await MediaTools.Probe.KeyPacketTimesAsync(MediaGenerator.TextFileNamedMp4()), Is.Empty);
    }

    [Test]
    public void Cancelled_StopsBeforeWriting()
    {
        using var folder = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.That(async () => await Writer.WriteAsync(MediaGenerator.TextFileNamedMp4(), Times, 25, 30, folder.Path, onePass: true, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Directory.GetFiles(folder.Path), Is.Empty);
    }

    private static KeyframeWriter Writer => new(MediaTools.Runner, MediaTools.Probe);

    // 30 s at 25 fps, a key frame every 10 s exactly (no scene-cut keys), moving content so neighbouring frames differ.
    private static Task<string> LongGopClipAsync() => Generated.Value;

    private static readonly Lazy<Task<string>> Generated = new(async () =>
    {
        var path = Path.Combine(MediaGenerator.Folder, "keyframes-long-gop.mp4");
        await MediaTools.Runner.RunAsync(
            $"-y -f lavfi -i \"testsrc2=size=320x240:rate=25:duration=30\" -c:v libx264 -preset veryfast -g 250 -keyint_min 250 -sc_threshold 0 -pix_fmt yuv420p \"{path}\"");
        return path;
    });
}
