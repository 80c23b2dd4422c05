namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// A chapter of the lecture. <see cref="TitleSource"/> is <c>slide</c> (the slide's title) or
/// <c>keywords</c> (the chapter's most salient terms); <see cref="BoundarySource"/> says why it starts
/// where it does: <c>start</c>, <c>slide</c> (a slide change) or <c>topic</c> (lexical cohesion dipped).
/// </summary>
internal sealed record Chapter(int Index, double Start, double End, string Title, string TitleSource, string BoundarySource)
{
    public bool Contains(double time) => time >= Start && time < End;
}
