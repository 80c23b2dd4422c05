namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>What content analysis found: chapters and every scored candidate clip (best first).</summary>
internal sealed record ContentAnalysis(IReadOnlyList<LectureSentence> Sentences, IReadOnlyList<Chapter> Chapters,
    IReadOnlyList<SentenceGap> Gaps, IReadOnlyList<ScoredCandidate> Candidates);
