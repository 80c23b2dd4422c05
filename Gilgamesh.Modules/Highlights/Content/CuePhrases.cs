namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>Phrases lecturers use to flag what matters; found on word boundaries, case-insensitively.</summary>
internal static class CuePhrases
{
    public static readonly IReadOnlyList<string> Default =
    [
        "the key idea", "the key point", "key takeaway", "to summarize", "in summary", "to sum up", "remember", "the main point",
        "the most important", "important point", "crucially", "the big idea", "in conclusion", "the takeaway", "pay attention",
        "this is important", "don't forget", "the bottom line",
    ];

    public static IReadOnlyList<string> Find(string text, IReadOnlyList<string>? phrases = null)
    {
        var normalized = " " + LectureText.Normalize(text) + " ";
        return (phrases ?? Default).Where(p => normalized.Contains(" " + LectureText.Normalize(p) + " ", StringComparison.Ordinal)).ToList();
    }
}
