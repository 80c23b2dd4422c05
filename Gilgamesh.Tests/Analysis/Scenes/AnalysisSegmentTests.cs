using Gilgamesh.Modules.Analysis.Scenes;

namespace Gilgamesh.Tests.Analysis.Scenes;

public sealed class AnalysisSegmentTests
{
    [Test]
    public void Plan_WhenShorterThanTwoMinimumParts_DecodesOnePartToTheEnd()
    {
        var plan = AnalysisSegment.Plan(expectedFrames: 2999, fps: 25, marginFrames: 115, processors: 8);

        Assert.That(plan, Is.EqualTo(new[] { new AnalysisSegment(0, null, 0, int.MaxValue) }));
    }

    [Test]
    public void Plan_WhenLong_SplitsOnePartPerProcessorWithMarginsOnBothSides()
    {
        var plan = AnalysisSegment.Plan(expectedFrames: 15000, fps: 25, marginFrames: 115, processors: 2);

        Assert.That(plan, Is.EqualTo(new[]
        {
            new AnalysisSegment(0, 7615, 0, 7500),
            new AnalysisSegment(7385, null, 7500, int.MaxValue),
        }));
    }

    [Test]
    public void Plan_WhenManyProcessors_KeepsEveryPartAtLeastTheMinimumLong()
    {
        var plan = AnalysisSegment.Plan(expectedFrames: 25 * 200, fps: 25, marginFrames: 115, processors: 64);

        Assert.That(plan, Has.Count.EqualTo(3));
        Assert.That(plan.Select(s => s.AcceptFrom), Is.EqualTo(new[] { 0, 1666, 3333 }));
        Assert.That(plan.Zip(plan.Skip(1), (a, b) => a.AcceptTo == b.AcceptFrom), Is.All.True, "ranges touch");
    }
}
