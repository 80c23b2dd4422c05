using Gilgamesh.Modules.Analysis.Scenes;

namespace Gilgamesh.Tests.Analysis.Scenes;

/// <summary>Mixed mode's slide steps on synthetic value planes: 1000 pixels, a step changes 10 of them.</summary>
public sealed class SlideStepDetectorTests
{
    private const int Pixels = 1000;
    private const int StillFrames = 25;
    private const double HardCutScore = 27;

    [Test]
    public void Add_WhenOneStepLiesBetweenTwoStillStretches_ReportsItAsASlideChange()
    {
        var cuts = Run(80, steps: [30]);

        Assert.That(cuts, Is.EqualTo(new[] { new FrameCut(30, 1.0, SlideStepDetector.Kind) }));
    }

    [Test]
    public void Add_WhenAClockTicksOncePerStillWindow_ReportsNothing()
    {
        Assert.That(Run(120, steps: [10, 35, 60, 85, 110]), Is.Empty);
    }

    [Test]
    public void Add_WhenTheStepIsAContentHardCut_ReportsNothing()
    {
        Assert.That(Run(80, steps: [30], contentScore: HardCutScore), Is.Empty);
    }

    [Test]
    public void Add_WhenAnotherStepFollowsWithinTheStillWindow_ReportsNeither()
    {
        Assert.That(Run(120, steps: [30, 40]), Is.Empty);
    }

    [Test]
    public void Complete_WhenTheStreamEndsBeforeTheStillWindowIsOver_ReportsThePendingStep()
    {
        Assert.That(Run(40, steps: [30]).Select(c => c.Frame), Is.EqualTo(new[] { 30 }));
    }

    private static List<FrameCut> Run(int frames, int[] steps, double contentScore = 1)
    {
        var detector = new SlideStepDetector(Pixels, thresholdPercent: 0.5, HardCutScore, pixelDelta: 32, StillFrames);
        var cuts = new List<FrameCut>();
        var previous = new byte[Pixels];
        for (var index = 1; index < frames; index++)
        {
            var current = (byte[])previous.Clone();
            if (steps.Contains(index))
            {
                // 10 pixels (1%) jump by 100 levels; the rest stays put.
                for (var i = 0; i < 10; i++)
                {
                    current[i * 97] = (byte)(current[i * 97] >= 100 ? 0 : 100);
                }
            }

            detector.Add(index, previous, current, steps.Contains(index) ? contentScore : 0, cuts);
            previous = current;
        }

        detector.Complete(cuts);
        return cuts;
    }
}
