using Gilgamesh.Modules.Choreography.Moves;

namespace Gilgamesh.Tests.Choreography;

public sealed class TextEmbedderTests
{
    private static readonly string[] Corpus =
    [
        "hip-hop bounce groove with shoulder hits",
        "house jacking footwork shuffle",
        "pop arm wave showy",
        "jazz pirouette turn with spotting",
        "hip hop two step",
        "contemporary floor roll slow",
    ];

    [Test]
    public void Embed_WhenSpellingVariesHipHop_VariantsAreCloserThanAnotherStyle()
    {
        var embedder = TextEmbedder.Fit(Corpus);
        var hyphen = embedder.Embed("hip-hop groove");
        var joined = embedder.Embed("hiphop groove");
        var house = embedder.Embed("house shuffle");

        Assert.That(Vectors.Cosine(hyphen, joined), Is.GreaterThan(Vectors.Cosine(hyphen, house) + 0.2));
    }

    [Test]
    public void Embed_WhenCalledTwiceOrFittedTwice_GivesTheSameUnitVector()
    {
        var first = TextEmbedder.Fit(Corpus).Embed("jazz turn");
        var second = TextEmbedder.Fit(Corpus).Embed("jazz turn");

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Sum(v => (double)v * v), Is.EqualTo(1).Within(1e-5));
        Assert.That(first, Has.Length.EqualTo(TextEmbedder.Dimension));
    }

    [Test]
    public void Embed_WhenWordIsRareInTheCorpus_WeighsItAboveACommonWord()
    {
        var embedder = TextEmbedder.Fit(Corpus);
        var query = embedder.Embed("pirouette with");
        var rareMatch = embedder.Embed("pirouette");
        var commonMatch = embedder.Embed("with");

        Assert.That(Vectors.Cosine(query, rareMatch), Is.GreaterThan(Vectors.Cosine(query, commonMatch)));
    }
}
