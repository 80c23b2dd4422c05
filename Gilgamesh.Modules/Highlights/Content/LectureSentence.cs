namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// One sentence with its words, the unit clips are made of: a clip starts at a sentence's first word and
/// ends at a sentence's last word. <see cref="WordsApproximate"/> when word times were spread over a caption
/// cue rather than measured, so cut points must come from silences, not from these times alone.
/// </summary>
internal sealed record LectureSentence(int Index, double Start, double End, string Text, IReadOnlyList<LectureWord> Words, bool WordsApproximate)
{
    public double Duration => End - Start;

    public bool IsQuestion => Text.TrimEnd().EndsWith('?');
}
