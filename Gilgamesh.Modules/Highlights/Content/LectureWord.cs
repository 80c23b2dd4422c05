namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>A spoken (or, without a transcript, shown) word and its time in seconds of the original.</summary>
internal sealed record LectureWord(double Start, double End, string Text);
