using Gilgamesh.Modules.Analysis.Scenes;

namespace Gilgamesh.Tests.Analysis.Scenes;

public sealed class KeyframePlanTests
{
    private static readonly double[] TenSecondGop = Enumerable.Range(0, 60).Select(i => i * 10.0).ToArray();

    [TestCase(0.0, 0.0)]
    [TestCase(9.99, 0.0)]
    [TestCase(10.0, 10.0)]
    [TestCase(599.0, 590.0)]
    public void PreviousKey_IsTheLastKeyAtOrBefore(double time, double expected)
    {
        Assert.That(KeyframePlan.PreviousKey(TenSecondGop, time), Is.EqualTo(expected));
    }

    [Test]
    public void PreviousKey_WithoutKeys_IsTheStart()
    {
        Assert.That(KeyframePlan.PreviousKey([], 42), Is.Zero);
    }

    [Test]
    public void FewScenesInALongFile_AreSeeks()
    {
        // 8 images of a 10 min file: ~8 × (60 + 125) frames, two at a time, against 15,000 frames once.
        double[] times = [13.1, 97.3, 155.5, 211.9, 305.2, 377.7, 455.4, 555.5];

        Assert.That(KeyframePlan.OnePassIsCheaper(times, TenSecondGop, 25, 600, 2), Is.False);
    }

    [Test]
    public void ManyScenesInALongGopFile_AreOnePass()
    {
        // The bench edit: 152 scenes in 10 min, every image ~5 s of frames after its key frame.
        var times = Enumerable.Range(0, 152).Select(i => i * 3.95 + 5.1).ToArray();

        Assert.That(KeyframePlan.OnePassIsCheaper(times, TenSecondGop, 25, 600, 2), Is.True);
    }

    [Test]
    public void ManyScenesInAnIntraOnlyFile_AreSeeks()
    {
        // Every frame a key frame (MJPEG, ProRes): a seek decodes one frame.
        var keys = Enumerable.Range(0, 15_000).Select(i => i / 25.0).ToArray();
        var times = Enumerable.Range(0, 152).Select(i => i * 3.95 + 5.1).ToArray();

        Assert.That(KeyframePlan.OnePassIsCheaper(times, keys, 25, 600, 2), Is.False);
    }

    [Test]
    public void NoTimes_IsNoPass()
    {
        Assert.That(KeyframePlan.OnePassIsCheaper([], TenSecondGop, 25, 600, 2), Is.False);
    }
}
