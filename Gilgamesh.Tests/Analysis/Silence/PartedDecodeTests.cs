using System.Text.Json;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Silence;

/// <summary>
/// A compressed file decoded in parts at once (<see cref="PartedEnvelopeDecode"/>) gives the one-pass result:
/// exactly for a lossless codec, within a couple of milliseconds for AAC.
/// </summary>
public sealed class PartedDecodeTests
{
    private static SilenceDetector Detector => new(MediaTools.PcmDecoder, MediaTools.Probe);

    // Parts even on short test files.
    private static SilenceOptions Parted(int decoders) => new() { Decoders = decoders, PartedMinimumSeconds = 0 };

    [TestCase(2)]
    [TestCase(3)]
    public async Task LosslessFile_InParts_IsExactlyTheOnePassResult(int decoders)
    {
        var flac = await EncodedTruthAsync("flac", "-c:a flac");

        var whole = await Detector.DetectAsync(flac, Parted(1));
        var info = await MediaTools.Probe.ProbeAsync(flac);
        // Called directly, so a fallback to one pass (null) cannot pass for a parted result.
        var envelope = await PartedEnvelopeDecode.DecodeAsync(MediaTools.PcmDecoder, flac, info.DurationSeconds, info.PrimaryAudio!.SampleRate!.Value, Parted(decoders), decoders, null, CancellationToken.None);
        Assert.That(envelope, Is.Not.Null, "decoded in parts");
        var parted = SilenceDetector.Analyze(envelope!, Parted(decoders));

        Assert.That(whole.Silences, Is.Not.Empty);
        Assert.That(JsonSerializer.Serialize(parted), Is.EqualTo(JsonSerializer.Serialize(whole)));
        Assert.That(await Detector.DetectAsync(flac, Parted(decoders)), Is.EqualTo(parted).Using<SilenceResult>((a, b) => JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b)), "the detector takes the same path");
    }

    [Test]
    public async Task AacFile_InParts_KeepsEverySilenceWithin2ms()
    {
        var aac = await EncodedTruthAsync("m4a", "-c:a aac -b:a 96k");

        var whole = await Detector.DetectAsync(aac, Parted(1));
        var info = await MediaTools.Probe.ProbeAsync(aac);
        var envelope = await PartedEnvelopeDecode.DecodeAsync(MediaTools.PcmDecoder, aac, info.DurationSeconds, info.PrimaryAudio!.SampleRate!.Value, Parted(2), 2, null, CancellationToken.None);
        Assert.That(envelope, Is.Not.Null, "decoded in parts");
        var parted = SilenceDetector.Analyze(envelope!, Parted(2));

        Assert.That(parted.DurationSeconds, Is.EqualTo(whole.DurationSeconds));
        Assert.That(parted.ThresholdDb, Is.EqualTo(whole.ThresholdDb).Within(0.2));
        Assert.That(parted.Silences, Has.Count.EqualTo(whole.Silences.Count));
        for (var i = 0; i < whole.Silences.Count; i++)
        {
            Assert.That(parted.Silences[i].Start, Is.EqualTo(whole.Silences[i].Start).Within(0.0021), $"silence {i} start");
            Assert.That(parted.Silences[i].End, Is.EqualTo(whole.Silences[i].End).Within(0.0021), $"silence {i} end");
        }
    }

    [Test]
    public async Task InParts_ReportsIncreasingProgressEndingAtOne()
    {
        var flac = await EncodedTruthAsync("flac", "-c:a flac");
        var reports = new List<double>();

        await Detector.DetectAsync(flac, Parted(2), new InlineProgress(reports.Add));

        Assert.That(reports, Is.Ordered.Ascending);
        Assert.That(reports, Has.Count.GreaterThan(3));
        Assert.That(reports[^1], Is.EqualTo(1));
    }

    [Test]
    public async Task InParts_WhenCancelledMidway_StopsEveryFfmpegPromptly()
    {
        var truth = await SilenceGroundTruth.GenerateAsync(-45, 120);
        var flac = Path.ChangeExtension(truth.Path, ".cancel.flac");
        await MediaTools.Runner.RunAsync($"-y -i \"{truth.Path}\" -c:a flac \"{flac}\"");
        using var cancel = new CancelAtProgress(0.05);

        Assert.CatchAsync<OperationCanceledException>(() => Detector.DetectAsync(flac, Parted(2), cancel.Progress, cancel.Token));

        cancel.Stop();
        Assert.That(cancel.Cancelled, "cancelled midway");
        Assert.That(cancel.SinceCancel, Is.LessThan(TimeSpan.FromSeconds(2)), "cancellation to exception");
        Assert.That(FfmpegProcesses.WithArgument(Path.GetFileName(flac)), Is.Empty, "no ffmpeg left running");
    }

    [Test]
    public async Task VideoWithoutAudio_InParts_IsTheExplicitEmptyResult()
    {
        var result = await Detector.DetectAsync(await MediaGenerator.VideoOnlyAsync(), Parted(2));

        Assert.That(result.HasAudio, Is.False);
        Assert.That(result.Silences, Is.Empty);
    }

    [TestCase(new[] { 8000, 16000, 22050, 44100, 48000 }, 22050, 22050)]
    [TestCase(new[] { 8000, 16000, 22050, 44100, 48000 }, 96000, 48000)]
    [TestCase(new[] { 8000, 16000, 22050, 44100, 48000 }, 20000, 22050)]
    [TestCase(new[] { 16000 }, 44100, 16000)]
    public void NearestRate_IsTheClosestAllowed(int[] rates, int source, int expected)
    {
        Assert.That(PartedEnvelopeDecode.NearestRate(rates, source), Is.EqualTo(expected));
    }

    [Test]
    public void Range_CutsWholePartsAndLeavesTheLastOpen()
    {
        Assert.That(PartedEnvelopeDecode.Range(0, 3, 22_050_0, 22_050), Is.EqualTo(new PcmRange(0, 10)));
        Assert.That(PartedEnvelopeDecode.Range(1, 3, 22_050_0, 22_050), Is.EqualTo(new PcmRange(10, 10)));
        Assert.That(PartedEnvelopeDecode.Range(2, 3, 22_050_0, 22_050), Is.EqualTo(new PcmRange(20, null)));
    }

    [Test]
    public void Range_ArgumentsSeekAccuratelyAndStopAfterTheDuration()
    {
        Assert.That(DecoderArguments.PcmInt16Wav("/in/a.m4a", [22050], new PcmRange(1800.0099773, 1800.0099773)),
            Is.EqualTo("-ss 1800.009977 -i \"/in/a.m4a\" -t 1800.009977 -map 0:a:0 -ac 1 -af aformat=sample_rates=22050 -rematrix_maxval 1000 -flush_packets 0 -fflags +bitexact -f wav \"pipe:1\""));
        Assert.That(DecoderArguments.PcmInt16Wav("/in/a.m4a", [22050], new PcmRange(0, 5)), Does.StartWith("-i \"/in/a.m4a\" -t 5 -map 0:a:0 "));
        Assert.That(() => new PcmRange(-1, null), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new PcmRange(0, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private static async Task<string> EncodedTruthAsync(string extension, string codec)
    {
        var truth = await SilenceGroundTruth.GenerateAsync(-45, 40);
        var path = Path.ChangeExtension(truth.Path, "." + extension);
        if (!File.Exists(path))
        {
            await MediaTools.Runner.RunAsync($"-y -i \"{truth.Path}\" {codec} \"{path}\"");
        }

        return path;
    }
}
