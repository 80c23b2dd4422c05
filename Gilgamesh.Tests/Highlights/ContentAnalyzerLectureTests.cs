using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Modules.Highlights.Selection;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// Content analysis and selection on the generated lecture (real silence engine, supplied captions):
/// chapters at the slide changes, the cue-phrase section on top, every boundary in a true pause.
/// </summary>
public sealed class ContentAnalyzerLectureTests
{
    private static readonly ContentOptions Options = new(MinSeconds: 8, MaxSeconds: 25);

    [Test]
    public async Task Analyze_WhenCaptionsAndSlides_ChaptersStartWithinOneSecondOfEachSlideChangeTitledBySlide()
    {
        var (truth, material) = await LectureFixture.MaterialAsync();

        var analysis = ContentAnalyzer.Analyze(material, Options);

        TestContext.Out.WriteLine(string.Join("\n", analysis.Chapters.Select(c => $"{c.Start,7:F2}–{c.End,7:F2} {c.Title} ({c.BoundarySource})")));
        Assert.Multiple(() =>
        {
            Assert.That(analysis.Chapters, Has.Count.EqualTo(truth.Slides.Count));
            foreach (var (chapter, slide) in analysis.Chapters.Zip(truth.Slides))
            {
                Assert.That(chapter.Start, Is.EqualTo(slide.Start).Within(1.0));
                Assert.That(chapter.Title, Is.EqualTo(slide.Title));
                Assert.That(chapter.TitleSource, Is.EqualTo("slide"));
            }
        });
    }

    [TestCase(3)]
    [TestCase(5)]
    public async Task Select_WhenClipCountAsked_MeetsItWithTheCueSectionOnTopAndEveryBoundaryInAPause(int count)
    {
        var (truth, material) = await LectureFixture.MaterialAsync();
        var analysis = ContentAnalyzer.Analyze(material, Options);

        var clips = ClipSelector.Select(analysis.Candidates, analysis.Chapters.Count, SelectionGoal.Count(count));

        foreach (var c in clips) TestContext.Out.WriteLine($"{c.Start,7:F3}–{c.End,7:F3} ch{c.Chapter} {c.Score:F3} [{string.Join("; ", c.Reasons)}] {c.Text}");
        var top = clips.OrderByDescending(c => c.Score).First();
        var cueSentences = truth.Sentences.Where(s => s.Cue).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(clips, Has.Count.EqualTo(count));
            Assert.That(cueSentences.Any(s => s.Start >= top.Start && s.End <= top.End), Is.True, "the top clip holds a cue-phrase sentence");
            Assert.That(top.Reasons.Any(r => r.StartsWith("cue '", StringComparison.Ordinal)), Is.True, string.Join("; ", top.Reasons));
            foreach (var clip in clips)
            {
                Assert.That(truth.InPause(clip.Start), Is.True, $"in point {clip.Start:F3} is in a pause");
                Assert.That(truth.InPause(clip.End), Is.True, $"out point {clip.End:F3} is in a pause");
                Assert.That(clip.Duration, Is.InRange(Options.MinSeconds, Options.MaxSeconds));
                Assert.That(clip.Reasons, Is.Not.Empty);
            }
            Assert.That(clips.Zip(clips.Skip(1)).All(p => p.First.End <= p.Second.Start), Is.True, "no overlap");
            Assert.That(clips.Select(c => c.Chapter).Distinct().Count(), Is.EqualTo(Math.Min(count, analysis.Chapters.Count)), "spread over chapters");
        });
    }

    [Test]
    public async Task Select_WhenTotalDurationAsked_StaysWithinItAndFillsAtLeastItMinusOneClip()
    {
        var (truth, material) = await LectureFixture.MaterialAsync();
        var analysis = ContentAnalyzer.Analyze(material, Options);

        var clips = ClipSelector.Select(analysis.Candidates, analysis.Chapters.Count, SelectionGoal.Duration(45));

        var total = clips.Sum(c => c.Duration);
        TestContext.Out.WriteLine($"total {total:F3} s in {clips.Count} clips");
        Assert.Multiple(() =>
        {
            Assert.That(total, Is.LessThanOrEqualTo(45));
            Assert.That(total, Is.GreaterThanOrEqualTo(45 - Options.MaxSeconds));
            Assert.That(clips.All(c => truth.InPause(c.Start) && truth.InPause(c.End)), Is.True);
        });
    }

    [Test]
    public async Task Select_WhenRunTwiceOnTheSameMaterial_ReturnsTheSameClips()
    {
        var (_, material) = await LectureFixture.MaterialAsync();

        var first = ClipSelector.Select(ContentAnalyzer.Analyze(material, Options).Candidates, 4, SelectionGoal.Count(4));
        var second = ClipSelector.Select(ContentAnalyzer.Analyze(material, Options).Candidates, 4, SelectionGoal.Count(4));

        Assert.That(second.Select(c => (c.Start, c.End, c.Score)), Is.EqualTo(first.Select(c => (c.Start, c.End, c.Score))));
    }

    [Test]
    public async Task Analyze_WhenNoTranscript_BuildsChaptersAndClipsFromSlidesAndSilence()
    {
        var (truth, material) = await LectureFixture.MaterialAsync(withCaptions: false);

        var analysis = ContentAnalyzer.Analyze(material, new ContentOptions(MinSeconds: 15, MaxSeconds: 40));
        var clips = ClipSelector.Select(analysis.Candidates, analysis.Chapters.Count, SelectionGoal.Count(2));

        foreach (var c in clips) TestContext.Out.WriteLine($"{c.Start,7:F3}–{c.End,7:F3} {c.Score:F3} [{string.Join("; ", c.Reasons)}]");
        Assert.Multiple(() =>
        {
            Assert.That(material.TranscriptSource, Is.EqualTo("slides"));
            Assert.That(analysis.Chapters.Select(c => c.Title), Is.EqualTo(truth.Slides.Select(s => s.Title)));
            Assert.That(clips, Has.Count.EqualTo(2));
            Assert.That(clips.All(c => truth.InPause(c.Start) && truth.InPause(c.End)), Is.True, "cuts at slide changes, inside the pause");
        });
    }
}
