namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// A possible clip: sentences <see cref="FirstSentence"/>..<see cref="LastSentence"/> of one chapter, cut at
/// <see cref="Start"/>/<see cref="End"/> inside the pauses around them, with its score (0–1) and its top
/// reasons in words; <see cref="Title"/> when an analyzer (the LLM) gave one.
/// </summary>
internal sealed record ScoredCandidate(int FirstSentence, int LastSentence, int Chapter, double Start, double End, double Score,
    CandidateFeatures Features, IReadOnlyList<string> Reasons, string Text, string? Title = null)
{
    public double Duration => End - Start;
}
