using Gilgamesh.Modules.Analysis.Speech;

namespace Gilgamesh.Tests.Analysis.Speech;

public sealed class SlidePromptTests
{
    private static readonly SlideText[] Slides =
    [
        new(0, 20, "Introduction to Gilgamesh: the Enkidu pipeline"),
        new(20, 50, "Results: Enkidu latency with FAISS and HNSW indexes"),
        new(90, 120, "Thank you! Questions?"),
    ];

    [Test]
    public void For_WhenSlidesOverlapTheWindow_GivesTheirRareTermsRarestFirst()
    {
        var prompt = SlidePrompt.For(Slides, 25, 55);

        Assert.That(prompt, Is.EqualTo("latency, indexes, FAISS, HNSW, Enkidu."), "\"Results\" is slide boilerplate");
    }

    [Test]
    public void For_WhenNoSlideOrOnlyCommonWordsOverlap_GivesNoPrompt()
    {
        Assert.That(SlidePrompt.For(Slides, 60, 85), Is.Null, "no slide on screen");
        Assert.That(SlidePrompt.For(Slides, 95, 110), Is.Null, "thanks and questions are boilerplate");
        Assert.That(SlidePrompt.For([], 0, 30), Is.Null);
    }

    [Test]
    public async Task WhisperNet_TinyGgmlRandomWeights_PromptsOnlyTheChunksASlideOverlaps_AndNoneWhenOff()
    {
        using var transcriber = WhisperNetEngineTests.Transcriber(TinyGgmlModels.Scripted, language: "en");
        var tone = WhisperNetEngineTests.ToneFile("tone-40s.wav", 40);
        SlideText[] slides = [new(34, 36, "Gilgamesh Enkidu Uruk")];

        var on = await transcriber.TranscribeAsync(tone, new SpeechOptions(Slides: slides));
        var off = await transcriber.TranscribeAsync(tone, new SpeechOptions(SlidePrompt: false, Slides: slides));

        Assert.That(on.Statistics!.ChunksDecoded, Is.GreaterThanOrEqualTo(2), "a tone has no silence to cut at: hard cuts at 30 s");
        Assert.That(on.Statistics.PromptedChunks, Is.InRange(1, on.Statistics.ChunksDecoded - 1), "only chunks around 34–36 s");
        Assert.That(off.Statistics!.PromptedChunks, Is.Zero);
        Assert.That(off.Segments.Select(s => s.Text.Trim()), Is.All.EqualTo("Hello world."));
        // What the prompt does to the words cannot be judged on random weights (the scripted decoder may or may not
        // change its line); the counts above are the evidence that the prompt reaches exactly the overlapping chunks.
        Assert.That(on.Segments, Is.Not.Empty);
    }
}
