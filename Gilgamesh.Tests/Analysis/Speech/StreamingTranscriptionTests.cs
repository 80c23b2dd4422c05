using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>
/// Transcription streams the file (issue #4's rule): a planning pass through the silence engine, then the
/// chunks read one by one from a second pass, never the whole file as samples.
/// </summary>
public sealed class StreamingTranscriptionTests
{
    [Test]
    public async Task StreamingRanges_AreTheSamplesOfTheWholeArray_SkippedRangesIncluded()
    {
        var samples = Enumerable.Range(0, 100_000).Select(i => (float)i).ToArray();
        await using var ranges = new StreamingPcmRanges(Blocks(samples, [7_000, 13, 8192, 30_000, 1, 50_000, 4_794]), expectedRangeSamples: 20_000);

        foreach (var (first, last) in new (long, long)[] { (0, 20_000), (20_000, 20_005), (45_000, 60_000), (60_000, 60_000), (60_000, 80_003), (99_990, 120_000), (130_000, 140_000) })
        {
            var range = await ranges.ReadAsync(first, last, CancellationToken.None);
            var expected = samples.AsSpan((int)Math.Min(first, samples.Length), (int)Math.Clamp(Math.Min(last, samples.Length) - first, 0, samples.Length));
            Assert.That(range.ToArray(), Is.EqualTo(expected.ToArray()), $"[{first}, {last})");
        }
        Assert.That(ranges.BufferCapacity, Is.LessThanOrEqualTo(20_003 + 50_000), "one range plus one block, never the stream");
        Assert.ThrowsAsync<InvalidOperationException>(async () => await ranges.ReadAsync(10, 20, CancellationToken.None), "ranges go forward only");
    }

    [Test]
    public async Task Transcriber_OnThreeMinutesOfSpeech_GivesTheTranscriptOfTheWholeFileInMemory()
    {
        var truth = await SpeechTruth.GenerateAsync(180);
        var samples = await DecodeWholeFileAsync(truth.Path);
        var silences = SilenceDetector.Analyze(samples, new SilenceOptions(MinSilenceSeconds: 0.3, SampleRate: 16_000)).Silences;
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper"));
        var inMemory = new WhisperEngine(model).Transcribe(samples, silences, new SpeechOptions(), null, CancellationToken.None);
        using var transcriber = new SpeechTranscriber(SpeechTestFiles.Model("tiny-whisper"), new SpeechSettings(), MediaTools.PcmDecoder, MediaTools.Probe);

        var streamed = await transcriber.TranscribeAsync(truth.Path);

        Assert.That(inMemory.Chunks.Count(c => c.Decoding is not null), Is.GreaterThanOrEqualTo(6));
        Assert.That(streamed.Segments, Is.Not.Empty);
        Assert.That(streamed.Segments.Select(s => (s.Start, s.End, s.Text)), Is.EqualTo(inMemory.Transcript.Segments.Select(s => (s.Start, s.End, s.Text))));
        Assert.That(streamed.Words!.Select(w => (w.Start, w.End, w.Text)), Is.EqualTo(inMemory.Transcript.Words!.Select(w => (w.Start, w.End, w.Text))));
        Assert.That(streamed.Language, Is.EqualTo(inMemory.Transcript.Language));
    }

    [Test]
    public async Task TwentyOneMinutes_LiveManagedHeapStaysFarBelowTheFilesSamples()
    {
        // 21 minutes of a 440 Hz tone, 3 s of silence every 20 s (one cut per 20 s, ~63 decoded chunks).
        // As 16 kHz float samples the file is 21 × 60 × 16,000 × 4 B = 80.6 MB: the whole-file approach held
        // that array live from decoding to the last chunk, so every measurement below would be ≥ 80 MB over
        // the baseline and the test would fail. Measured: the live managed heap (GC.GetTotalMemory after a
        // full, blocking collection, so garbage that merely awaits a GC does not count) at every chunk, via a
        // progress callback the engine calls synchronously after each chunk. Streaming holds one 30-s range
        // (1.9 MB), the chunk's features and log-mel (3 MB) and the silences. Native memory (ONNX Runtime,
        // ffmpeg in its own process) is not managed and not in question here.
        using var temp = new TempDirectory("gilgamesh-speech-long");
        var path = temp.Combine("long.wav");
        const int seconds = 21 * 60;
        await MediaTools.Runner.RunAsync(
            $"-y -f lavfi -i sine=frequency=440:sample_rate=16000:duration={seconds} -af \"volume=0:enable='gt(mod(t,20),17)'\" -ac 1 -c:a pcm_s16le \"{path}\"");
        using var transcriber = new SpeechTranscriber(SpeechTestFiles.Model("tiny-whisper"), new SpeechSettings(), MediaTools.PcmDecoder, MediaTools.Probe);
        await transcriber.TranscribeAsync(await MediaGenerator.ToneOnlyAsync()); // opens the sessions outside the measurement
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var live = new LiveHeapAtEachReport();

        var transcript = await transcriber.TranscribeAsync(path, progress: live);

        var wholeFileBytes = (long)seconds * 16_000 * sizeof(float);
        var peakGrowth = live.Peak - baseline;
        TestContext.Out.WriteLine($"{live.Reports} reports, peak live heap growth {peakGrowth / 1e6:0.0} MB (whole file as samples: {wholeFileBytes / 1e6:0.0} MB), {transcript.Segments.Count} segments");
        Assert.That(live.Reports, Is.GreaterThanOrEqualTo(60), "a report per decoded chunk");
        Assert.That(transcript.Segments[^1].Start, Is.GreaterThan(seconds - 30), "the end of the file was decoded");
        Assert.That(peakGrowth, Is.LessThan(16_000_000), "flat: a few chunks' worth, a fifth of the file's samples");
    }

    private sealed class LiveHeapAtEachReport : IProgress<double>
    {
        public long Peak { get; private set; }
        public int Reports { get; private set; }

        public void Report(double value)
        {
            Reports++;
            Peak = Math.Max(Peak, GC.GetTotalMemory(forceFullCollection: true));
        }
    }

    private static async Task<float[]> DecodeWholeFileAsync(string path)
    {
        var samples = new List<float>();
        await foreach (var block in MediaTools.PcmDecoder.DecodeAsync(path, 16_000)) samples.AddRange(block);
        return [.. samples];
    }

    private static async IAsyncEnumerable<float[]> Blocks(float[] samples, int[] sizes)
    {
        var position = 0;
        for (var i = 0; position < samples.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], samples.Length - position);
            yield return samples[position..(position + size)];
            position += size;
            await Task.Yield();
        }
    }
}
