using Gilgamesh.Modules.Highlights.Content;

namespace Gilgamesh.Tests.Highlights;

/// <summary>Cut points between sentences: inside the silence, never reaching the neighbouring word.</summary>
public sealed class SentenceGapsTests
{
    private static LectureSentence Sentence(int index, double start, double end, bool approximate = false) =>
        new(index, start, end, "word word.", [new LectureWord(start, (start + end) / 2, "word"), new LectureWord((start + end) / 2, end, "word.")], approximate);

    [TestCase(0.25, 0.8)]
    [TestCase(0.25, 0.2)]
    [TestCase(1.0, 0.3)]
    public void Gaps_WhenPaddingIsWiderThanHalfThePause_StopsHalfWayAndNeverReachesTheNextWord(double padding, double pause)
    {
        LectureSentence[] sentences = [Sentence(0, 1.0, 4.0), Sentence(1, 4.0 + pause, 8.0)];
        TimeInterval[] silences = [new(0, 1.0), new(4.0, 4.0 + pause), new(8.0, 9.0)];

        var gap = SentenceGaps.Find(sentences, silences, 9.0)[0];

        Assert.Multiple(() =>
        {
            Assert.That(gap.OutPoint(padding), Is.GreaterThan(4.0).And.LessThanOrEqualTo(4.0 + pause / 2 + 1e-9));
            Assert.That(gap.InPoint(padding), Is.LessThan(4.0 + pause).And.GreaterThanOrEqualTo(4.0 + pause / 2 - 1e-9));
            Assert.That(gap.OutPoint(padding), Is.EqualTo(4.0 + Math.Min(padding, pause / 2)).Within(1e-3));
        });
    }

    [Test]
    public void Gaps_WhenNoSilenceLiesBetweenTwoSentences_OffersNoCutThere()
    {
        LectureSentence[] sentences = [Sentence(0, 1.0, 4.0), Sentence(1, 4.05, 8.0)];
        TimeInterval[] silences = [new(0, 1.0), new(8.0, 9.0)];

        var gaps = SentenceGaps.Find(sentences, silences, 9.0);

        Assert.That(gaps.Keys, Is.EquivalentTo(new[] { -1, 1 }));
    }

    [Test]
    public void Gaps_WhenWordTimesAreApproximate_TrustTheNearbySilenceRatherThanTheWords()
    {
        // Caption cues end 0.3 s after the voice does: the silence starts before the sentence "ends".
        LectureSentence[] sentences = [Sentence(0, 1.0, 4.3, approximate: true), Sentence(1, 4.9, 8.0, approximate: true)];
        TimeInterval[] silences = [new(0, 1.0), new(4.0, 4.9), new(8.0, 9.0)];

        var gap = SentenceGaps.Find(sentences, silences, 9.0)[0];

        Assert.Multiple(() =>
        {
            Assert.That(gap.From, Is.EqualTo(4.0));
            Assert.That(gap.To, Is.EqualTo(4.9));
        });
    }
}
