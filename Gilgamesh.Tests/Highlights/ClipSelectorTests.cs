using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Modules.Highlights.Selection;

namespace Gilgamesh.Tests.Highlights;

/// <summary>The knapsack over chapters on hand-made candidates with known best answers.</summary>
public sealed class ClipSelectorTests
{
    private static readonly CandidateFeatures NoFeatures = new(0, [], 0, null, [], 0, null, 0, 0, 0);

    private static ScoredCandidate Candidate(int first, int last, int chapter, double start, double end, double score) =>
        new(first, last, chapter, start, end, score, NoFeatures, [], "");

    [Test]
    public void Select_WhenTheBestTwoOverlap_TakesTheBestNonOverlappingPair()
    {
        ScoredCandidate[] candidates =
        [
            Candidate(0, 2, 0, 0, 30, 0.9),
            Candidate(1, 3, 0, 10, 40, 0.8),
            Candidate(3, 4, 0, 31, 60, 0.5),
            Candidate(5, 6, 0, 61, 90, 0.4),
        ];

        var chosen = ClipSelector.Select(candidates, 1, SelectionGoal.Count(2));

        Assert.That(chosen.Select(c => c.Score), Is.EqualTo(new[] { 0.9, 0.5 }));
    }

    [Test]
    public void Select_WhenOneChapterHoldsTheTwoBest_SpreadsOverChaptersUnlessTheOthersAreFarWorse()
    {
        ScoredCandidate[] close =
        [
            Candidate(0, 1, 0, 0, 30, 0.8),
            Candidate(2, 3, 0, 31, 60, 0.7),
            Candidate(4, 5, 1, 61, 90, 0.6),
        ];
        ScoredCandidate[] far = [.. close[..2], Candidate(4, 5, 1, 61, 90, 0.1)];

        var spread = ClipSelector.Select(close, 2, SelectionGoal.Count(2));
        var concentrated = ClipSelector.Select(far, 2, SelectionGoal.Count(2));

        Assert.Multiple(() =>
        {
            Assert.That(spread.Select(c => c.Chapter), Is.EqualTo(new[] { 0, 1 }));
            Assert.That(concentrated.Select(c => c.Chapter), Is.EqualTo(new[] { 0, 0 }));
        });
    }

    [Test]
    public void Select_WhenADurationIsAsked_NeverExceedsItAndPrefersScoreTimesSeconds()
    {
        ScoredCandidate[] candidates =
        [
            Candidate(0, 1, 0, 0, 50, 0.5),
            Candidate(2, 3, 0, 51, 71, 0.9),
            Candidate(4, 5, 1, 72, 102, 0.6),
        ];

        var chosen = ClipSelector.Select(candidates, 2, SelectionGoal.Duration(55));

        Assert.Multiple(() =>
        {
            Assert.That(chosen.Sum(c => c.Duration), Is.LessThanOrEqualTo(55));
            Assert.That(chosen.Select(c => c.Start), Is.EqualTo(new[] { 51.0, 72.0 }));
        });
    }
}
