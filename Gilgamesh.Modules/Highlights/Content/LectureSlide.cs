namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>One showing of a slide: its time span, its title (first text line) and all its text.</summary>
internal sealed record LectureSlide(double Start, double End, string Title, string Text);
