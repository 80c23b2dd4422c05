using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Modules.Highlights.Exports;

namespace Gilgamesh.Tests.Highlights;

/// <summary>Transcript SRT/WebVTT/JSON and YouTube chapter text from the analysis.</summary>
public sealed class TextExportTests
{
    [Test]
    public async Task Transcript_WhenWrittenAsSrtAndVtt_ReadsBackAsTheSentencesWithTheirTimes()
    {
        var (_, analysis, _) = await ReelFixture.ReelAsync();

        var srt = Captions.Parse(TranscriptExport.Srt(analysis.Sentences, "captions"), CaptionFormat.Srt).Segments;
        var vtt = Captions.Parse(TranscriptExport.Vtt(analysis.Sentences, "captions"), CaptionFormat.Vtt).Segments;

        var expected = analysis.Sentences.Select(s => (Math.Round(s.Start, 3), Math.Round(s.End, 3), s.Text)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(srt.Select(c => (c.Start, c.End, c.Text)), Is.EqualTo(expected));
            Assert.That(vtt.Select(c => (c.Start, c.End, c.Text)), Is.EqualTo(expected));
        });
    }

    [Test]
    public async Task Transcript_WhenWrittenAsJson_HoldsEverySentenceWithItsWords()
    {
        var (_, analysis, _) = await ReelFixture.ReelAsync();

        using var json = System.Text.Json.JsonDocument.Parse(TranscriptExport.ToJson(analysis.Sentences, "captions"));

        var sentences = json.RootElement.GetProperty("sentences").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("source").GetString(), Is.EqualTo("captions"));
            Assert.That(sentences.Select(s => s.GetProperty("text").GetString()), Is.EqualTo(analysis.Sentences.Select(s => s.Text)));
            Assert.That(sentences.Sum(s => s.GetProperty("words").GetArrayLength()), Is.EqualTo(analysis.Sentences.Sum(s => s.Words.Count)));
        });
    }

    [TestCase(600, "0:00 Intro\n1:05 Gradient Descent\n9:59 Wrap up\n")]
    [TestCase(3700, "0:00:00 Intro\n0:01:05 Gradient Descent\n0:09:59 Wrap up\n")]
    public void YouTube_WhenChaptersGiven_WritesOneStampedLinePerChapterFromZero(double duration, string expected)
    {
        Chapter[] chapters =
        [
            new(0, 0, 65.4, "Intro", "slide", "start"),
            new(1, 65.4, 599.9, "Gradient Descent", "slide", "slide"),
            new(2, 599.9, duration, "Wrap up", "keywords", "topic"),
        ];

        Assert.That(ChapterText.YouTube(chapters, duration), Is.EqualTo(expected));
    }
}
