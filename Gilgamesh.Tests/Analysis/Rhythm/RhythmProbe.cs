using Gilgamesh.Modules.Analysis.Rhythm;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Rhythm;

public sealed class RhythmProbe
{
    [Explicit, Test]
    public async Task Probe()
    {
        var files = new List<RhythmTruth>();
        foreach (var bpm in new[] { 70.0, 90, 100, 120, 150, 180 }) files.Add(await RhythmGroundTruth.SteadyAsync(bpm));
        files.Add(await RhythmGroundTruth.TempoChangeAsync());
        files.Add(await RhythmGroundTruth.SectionsAsync());
        files.Add(await RhythmGroundTruth.SteadyAsync(120, noise: 0.5, name: "hard-noisy"));
        files.Add(await RhythmGroundTruth.SteadyAsync(85, pattern: RhythmGroundTruth.Sparse, padLevel: 0.15, name: "hard-sparse"));
        files.Add(await RhythmGroundTruth.SteadyAsync(150, pattern: RhythmGroundTruth.Syncopated, name: "hard-syncopated"));
        files.Add(await RhythmGroundTruth.SteadyAsync(124, pattern: RhythmGroundTruth.FourOnTheFloor, name: "hard-four"));
        foreach (var t in files)
        {
            var samples = new List<float>();
            await foreach (var c in MediaTools.PcmDecoder.DecodeAsync(t.Path, RhythmAnalyzer.SampleRate)) samples.AddRange(c);
            var arr = samples.ToArray();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = RhythmAnalyzer.Analyze(arr, false, null, default);
            var times = r.Beats.Select(b => b.Time).ToArray();
            TestContext.Out.WriteLine($"{Path.GetFileName(t.Path)} {sw.ElapsedMilliseconds} ms truth {t.Bpm} est {r.Tempo.Bpm} conf {r.Tempo.Confidence} alt {string.Join(",", r.Tempo.Alternatives.Select(a => $"{a.Relation} {a.Bpm} {a.RelativeStrength}"))} beatF {BeatAccuracy.FMeasure(times, t.Beats, 0.07):0.000} dbF {BeatAccuracy.FMeasure(r.Downbeats, t.Downbeats, 0.07):0.000}");
            var offsets = times.Select(b => b - t.Beats.MinBy(x => Math.Abs(x - b))).ToArray();
            TestContext.Out.WriteLine($"  mean offset {offsets.Average() * 1000:0.0} ms; first beats {string.Join(" ", times.Take(6))} truth {string.Join(" ", t.Beats.Take(6))}");
            var sw2 = System.Diagnostics.Stopwatch.StartNew();
            var stft = StftFrames.Compute(arr, 1024, 240, default); var a1 = sw2.ElapsedMilliseconds;
            var on = OnsetEnvelope.Compute(stft, 24000, 1024, 240, default); var a2 = sw2.ElapsedMilliseconds;
            var tc = TimbreAndChroma.Compute(StftFrames.Compute(arr, 4096, 800, default), 24000, 4096, default); var a3 = sw2.ElapsedMilliseconds;
            var nov = SectionSegmenter.Novelty(SectionSegmenter.BlockFeatures(tc, 30));
            TestContext.Out.WriteLine($"  stft {a1} onset {a2 - a1} timbre {a3 - a2} ms; novelty max {nov.Max():0.000} top {string.Join(" ", nov.Select((v, i) => (v, i)).OrderByDescending(x => x.v).Take(5).Select(x => $"{x.i * 0.5}:{x.v:0.00}"))}");
            TestContext.Out.WriteLine($"  sections {string.Join(" ", r.Sections.Select(s => $"{s.Start}-{s.End}:{s.Label}"))} truth {string.Join(" ", t.SectionBoundaries)}");
        }
    }
}
