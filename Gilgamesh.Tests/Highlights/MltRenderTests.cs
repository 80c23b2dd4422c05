using System.Diagnostics;
using System.Globalization;
using Gilgamesh.Modules.Highlights.Exports;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// The MLT project rendered headlessly by Debian's <c>melt</c> (MLT, the engine of Shotcut and Kdenlive) gives
/// the reel: its duration is the clips' and the frame at each clip's start on the reel looks like (perceptual
/// hash) the original's frame at that clip's in point. Needs the Debian package <c>melt</c>.
/// </summary>
public sealed class MltRenderTests
{
    private const int SameFrameBits = 12;

    [Test]
    public async Task Melt_WhenRenderingTheProject_GivesTheReelWithEachClipStartingOnTheOriginalsFrame()
    {
        var (reel, _, _) = await ReelFixture.ReelAsync(clips: 3);
        var folder = Path.Combine(MediaGenerator.Folder, "mlt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var project = Path.Combine(folder, "reel.mlt");
        await File.WriteAllTextAsync(project, MltExport.Write(reel));
        var output = Path.Combine(folder, "reel.mp4");

        await RunMeltAsync(project, output);

        var info = await MediaTools.Probe.ProbeAsync(output);
        var expected = reel.DurationFrames / (double)LectureSpec.FrameRate;
        var starts = reel.RecordStarts();
        var distances = new List<(int Same, int Other)>();
        for (var i = 0; i < reel.Clips.Count; i++)
        {
            // Half a frame in, so neither side rounds to a neighbouring frame.
            var onReel = await FrameHash.AtAsync(output, (starts[i] + 0.5) / LectureSpec.FrameRate);
            var original = await FrameHash.AtAsync(reel.Source.Path, (reel.Source.Frame(reel.Clips[i].Start) + 0.5) / LectureSpec.FrameRate);
            // Half the lecture away is another slide: the negative control that shows the hash tells frames apart.
            var elsewhere = (reel.Clips[i].Start + reel.Source.DurationSeconds / 2) % reel.Source.DurationSeconds;
            var otherClip = await FrameHash.AtAsync(reel.Source.Path, elsewhere);
            distances.Add((FrameHash.Distance(onReel, original), FrameHash.Distance(onReel, otherClip)));
        }
        TestContext.Out.WriteLine($"reel {info.DurationSeconds:F3} s (clips {expected:F3} s); hash distances same/other: {string.Join(", ", distances)}");
        Assert.Multiple(() =>
        {
            Assert.That(info.DurationSeconds, Is.EqualTo(expected).Within(2.0 / LectureSpec.FrameRate + 0.05));
            foreach (var (same, other) in distances)
            {
                Assert.That(same, Is.LessThanOrEqualTo(SameFrameBits));
                Assert.That(other, Is.GreaterThan(same), "a frame of another slide is further away");
            }
        });
    }

    private static async Task RunMeltAsync(string project, string output)
    {
        var psi = new ProcessStartInfo("melt") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-quiet", project, "-consumer", "avformat:" + output, "vcodec=libx264", "preset=ultrafast", "acodec=aac", "real_time=-1" })
            psi.ArgumentList.Add(a);
        psi.Environment["SDL_AUDIODRIVER"] = "dummy";
        psi.Environment["SDL_VIDEODRIVER"] = "dummy";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("melt did not start (apt-get install melt)");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await stderr);
        Assert.That(File.Exists(output), Is.True, "melt wrote " + output + "\n" + await stderr);
    }
}
