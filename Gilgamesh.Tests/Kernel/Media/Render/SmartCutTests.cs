using System.Globalization;
using System.Text.RegularExpressions;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render.Cuts;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Media.Render;

/// <summary>Real smart cuts of a generated 12 s source with a keyframe every 2 s, cut points off the keyframes.</summary>
public class SmartCutTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("render-cut");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public async Task Cut_WhenPointsAreOffKeyframesWithLosslessEdges_FirstAndLastFramesHashLikeTheSourceAndCountIsExact()
    {
        var source = await RenderTestKit.GopSourceAsync();
        var output = _folder.Combine("cut.mp4");

        var plan = await RenderTestKit.Kit.CutAsync(new CutRequest(source, output, MediaTime.FromSeconds(3.37), MediaTime.FromSeconds(9.1), SmartCutEdges.Lossless));

        // ceil(3.37 × 25) = 85 (3.40 s) up to ceil(9.1 × 25) = 228: re-encode 85–100, copy 100–200, re-encode 200–228.
        Assert.That(plan.Spans, Is.EqualTo(new[]
        {
            new CutSpan(CutSpanKind.ReEncode, 85, 100), new CutSpan(CutSpanKind.Copy, 100, 200), new CutSpan(CutSpanKind.ReEncode, 200, 228),
        }));
        Assert.That(await RenderTestKit.CountFramesAsync(output), Is.EqualTo(143));
        Assert.That(await RenderTestKit.FrameHashAsync(output, 0), Is.EqualTo(await RenderTestKit.FrameHashAsync(source, 85)), "first frame");
        Assert.That(await RenderTestKit.FrameHashAsync(output, 142), Is.EqualTo(await RenderTestKit.FrameHashAsync(source, 227)), "last frame");
        Assert.That(await RenderTestKit.FrameHashAsync(output, 15), Is.EqualTo(await RenderTestKit.FrameHashAsync(source, 100)), "first copied frame");
    }

    [Test]
    public async Task Cut_WhenEdgesAreMatched_FirstFrameIsTheSourceFrameAndAudioStaysInSyncWithinOneFrame()
    {
        var source = await RenderTestKit.GopSourceAsync();
        var output = _folder.Combine("cut.mp4");

        var plan = await RenderTestKit.Kit.CutAsync(new CutRequest(source, output, MediaTime.FromSeconds(2.9), MediaTime.FromSeconds(8.62)));

        Assert.That(plan.IsSmart && plan.CopiedFrames == 100, Is.True, $"copied {plan.CopiedFrames}: {plan.FullReEncodeReason}");
        Assert.That(await RenderTestKit.CountFramesAsync(output), Is.EqualTo(plan.FrameCount));
        // Lossy edges: the first frame is nearer to source frame 73 (2.92 s) than to its neighbours.
        var first = await RenderTestKit.FrameAsync(output, 0);
        var differences = new List<double>();
        foreach (var frame in new long[] { 72, 73, 74 })
        {
            differences.Add(RenderTestKit.MeanDifference(first, await RenderTestKit.FrameAsync(source, frame)));
        }

        Assert.That(differences.IndexOf(differences.Min()), Is.EqualTo(1), string.Join(", ", differences));
        // Beeps start at k + 0.5 s in the source; the cut starts at frame 73 = 2.92 s, so at 0.58, 1.58, ... in the output.
        var onsets = await BeepOnsetsAsync(output);
        Assert.That(onsets, Has.Count.EqualTo(6));
        Assert.That(onsets.Select((t, k) => Math.Abs(t - (0.58 + k))), Has.All.LessThanOrEqualTo(0.04), string.Join(", ", onsets));
        var info = await MediaTools.Probe.ProbeAsync(output);
        Assert.That(info.DurationSeconds, Is.EqualTo(plan.FrameCount / 25.0).Within(0.04));
    }

    [Test]
    public async Task Cut_WhenSourceCodecCannotBeMatched_ReEncodesTheWholeSpanAndLogsWhy()
    {
        var source = await RenderTestKit.GopSourceAsync("mpeg4 -q:v 4", "gop-source-mpeg4.mp4");
        var output = _folder.Combine("cut.mp4");

        var plan = await RenderTestKit.Kit.CutAsync(new CutRequest(source, output, MediaTime.FromSeconds(1.3), MediaTime.FromSeconds(7.7)));

        Assert.That(plan.Spans, Is.EqualTo(new[] { new CutSpan(CutSpanKind.ReEncode, 33, 193) }));
        Assert.That(plan.FullReEncodeReason, Does.Contain("codec mpeg4"));
        Assert.That(RenderTestKit.Logs.Lines, Has.Some.Contains("full re-encode of 160 frames because codec mpeg4"));
        Assert.That(await RenderTestKit.CountFramesAsync(output), Is.EqualTo(160));
    }

    [Test]
    public async Task Cut_WhenCancelledWhileRendering_StopsAndLeavesNoFileBehind()
    {
        var source = await RenderTestKit.GopSourceAsync();
        var output = _folder.Combine("cut.mp4");
        var seen = new List<double>();
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress(p =>
        {
            seen.Add(p);
            if (p > 0.05)
            {
                cancel.Cancel();
            }
        });

        Assert.That(async () => await RenderTestKit.Kit.CutAsync(
                new CutRequest(source, output, MediaTime.FromSeconds(0.5), MediaTime.FromSeconds(11.5), ForceFullReEncode: true), progress, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Directory.EnumerateFileSystemEntries(_folder.Path), Is.Empty);
        Assert.That(seen, Is.Ordered.And.All.InRange(0, 1));
    }

    [Test]
    public async Task Cut_WhenRunToTheEnd_ReportsIncreasingProgressEndingAtOne()
    {
        var source = await RenderTestKit.GopSourceAsync();
        var seen = new List<double>();

        await RenderTestKit.Kit.CutAsync(new CutRequest(source, _folder.Combine("cut.mp4"), MediaTime.FromSeconds(1), MediaTime.FromSeconds(5.5)),
            new InlineProgress(seen.Add));

        Assert.That(seen, Is.Ordered.And.All.InRange(0, 1));
        Assert.That(seen[^1], Is.EqualTo(1));
    }

    private static async Task<List<double>> BeepOnsetsAsync(string file)
    {
        var report = await RenderTestKit.ReportAsync(file, "silencedetect=noise=-30dB:d=0.2");
        return Regex.Matches(report, @"silence_end: ([0-9.]+)")
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Where(t => t < 5.9) // the last silence ends at the end of the file, not at a beep
            .ToList();
    }
}
