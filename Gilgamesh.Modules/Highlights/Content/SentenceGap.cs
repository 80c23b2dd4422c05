namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// Where a cut may fall between sentence <see cref="Before"/> and the next (−1: before the first sentence):
/// the part of a silence that lies between the last word of one and the first word of the other. A clip's
/// in point is placed near <see cref="To"/> and its out point near <see cref="From"/>, never outside.
/// </summary>
internal sealed record SentenceGap(int Before, double From, double To)
{
    public double Width => To - From;

    /// <summary>An out point: the padding after the last word, but at most half the pause, so it never reaches the next word.</summary>
    public double OutPoint(double padding) => Math.Round(From + Math.Min(padding, Width / 2), 3);

    /// <summary>An in point: the padding before the first word, at most half the pause.</summary>
    public double InPoint(double padding) => Math.Round(To - Math.Min(padding, Width / 2), 3);
}
