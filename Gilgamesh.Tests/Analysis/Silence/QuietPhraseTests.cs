using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Silence;

/// <summary>
/// Issue 20 (1): a phrase spoken much more quietly than the rest, but clearly over a raised noise floor, is
/// speech. Variants differ in floor level (−56 to −26 dBFS), in how far the quiet phrase is above the
/// floor (6–10 dB), and in which phrase (content) is the quiet one.
/// </summary>
public sealed class QuietPhraseTests
{
    /// <summary>Each edge within 50 ms of the phrase's audible range (sure ... faint, see <see cref="QuietPhraseGroundTruth"/>).</summary>
    private const double EdgeTolerance = 0.050;

    private static SilenceDetector Detector => new(MediaTools.PcmDecoder, MediaTools.Probe);

    [TestCase(-38, 6, 2)]
    [TestCase(-50, 6, 1)]
    [TestCase(-44, 8, 3)]
    [TestCase(-32, 6, 0)]
    [TestCase(-38, 10, 1)]
    [TestCase(-56, 7, 2)]
    [TestCase(-26, 6, 3)]
    public async Task Detect_OnQuietPhraseOverRaisedFloor_KeepsItAsOneSpeechIntervalWithin50ms(double floorDb, double quietAboveFloorDb, int quietIndex)
    {
        var truth = await QuietPhraseGroundTruth.GenerateAsync(floorDb, quietAboveFloorDb, quietIndex);

        var result = await Detector.DetectAsync(truth.File.Path, new SilenceOptions());

        TestContext.Out.WriteLine($"floor {floorDb}, quiet +{quietAboveFloorDb} dB: threshold {result.ThresholdDb} (floor {result.NoiseFloorDb}); speech {string.Join(", ", result.Speech.Select(s => $"{s.Start}-{s.End}"))}; truth {string.Join(", ", truth.File.Active.Zip(truth.Faint, (a, f) => $"[{f.Start:0.000} {a.Start:0.000}]-[{a.End:0.000} {f.End:0.000}]"))}");
        Assert.Multiple(() =>
        {
            Assert.That(result.Speech, Has.Count.EqualTo(truth.File.Active.Count), "one speech interval per phrase");
            for (var i = 0; i < Math.Min(result.Speech.Count, truth.File.Active.Count); i++)
            {
                var (sure, faint, found) = (truth.File.Active[i], truth.Faint[i], result.Speech[i]);
                Assert.That(found.Start, Is.InRange(faint.Start - EdgeTolerance, sure.Start + EdgeTolerance), $"phrase {i} ({sure.Kind}) start");
                Assert.That(found.End, Is.InRange(sure.End - EdgeTolerance, faint.End + EdgeTolerance), $"phrase {i} ({sure.Kind}) end");
            }
            Assert.That(result.NoiseFloorDb, Is.EqualTo(floorDb).Within(1.5), "the floor is measured in the pauses");
            Assert.That(result.ThresholdDb - result.NoiseFloorDb, Is.InRange(2.95, 6.05), "the threshold follows the floor");
        });
    }
}
