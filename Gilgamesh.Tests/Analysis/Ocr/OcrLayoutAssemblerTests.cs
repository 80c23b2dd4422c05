using Gilgamesh.Modules.Analysis.Ocr;

namespace Gilgamesh.Tests.Analysis.Ocr;

/// <summary>Grouping tesseract words into lines: confidence filter, bullets, boxes.</summary>
public sealed class OcrLayoutAssemblerTests
{
    private static OcrWord Word(int line, int left, int height, double confidence, string text) =>
        new(1, 1, line, new PixelBox(left, 100 * line, 20 * text.Length, height), confidence, text);

    [Test]
    public void Assemble_WhenBulletIsReadAsASmallLowConfidenceLetter_WritesABulletGlyph()
    {
        var words = new[] { Word(1, 10, 9, 44, "e"), Word(1, 40, 22, 96, "Neurons"), Word(1, 200, 22, 95, "compute") };

        var line = OcrLayoutAssembler.Assemble(words, 40, 1280, 720).Single().Lines.Single();

        Assert.That(line.Text, Is.EqualTo("• Neurons compute"));
        Assert.That(line.Confidence, Is.EqualTo(95.5));
        Assert.That(line.Box.Left, Is.EqualTo(10));
    }

    [Test]
    public void Assemble_KeepsAOneLetterWordReadWithHighConfidence()
    {
        var words = new[] { Word(1, 10, 12, 93, "a"), Word(1, 40, 22, 96, "Lecture") };

        Assert.That(OcrLayoutAssembler.Assemble(words, 40, 1280, 720).Single().Text, Is.EqualTo("a Lecture"));
    }

    [Test]
    public void Assemble_DropsLinesOfLowConfidenceOrSymbolOnlyWords()
    {
        var words = new[] { Word(1, 10, 20, 20, "Wx"), Word(2, 10, 20, 90, "|"), Word(2, 40, 20, 85, "~") };

        Assert.That(OcrLayoutAssembler.Assemble(words, 40, 1280, 720), Is.Empty);
    }
}
