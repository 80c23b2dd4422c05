namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Timestamped text of a file's speech, the one shape every pipeline reads whether it came from the speech
/// model or from captions supplied with the media. Times are seconds with millisecond precision.
/// </summary>
/// <param name="Language">ISO code (e.g. <c>en</c>) detected or fixed; null when unknown (plain captions).</param>
/// <param name="Source"><c>speech</c> (decoded from audio) or <c>captions</c> (read from SRT/WebVTT).</param>
public sealed record Transcript(string? Language, IReadOnlyList<TranscriptSegment> Segments, string Source)
{
    public const string SpeechSource = "speech";
    public const string CaptionsSource = "captions";

    /// <summary>All words of all segments in order, or null when no segment has words.</summary>
    public IReadOnlyList<TranscriptWord>? Words =>
        Segments.Any(s => s.Words is not null) ? Segments.SelectMany(s => s.Words ?? []).ToList() : null;

    public string Text => string.Join(" ", Segments.Select(s => s.Text.Trim()).Where(t => t.Length > 0));

    /// <summary>Which engine decoded it and what the guards skipped or cut; null for captions.</summary>
    public TranscriptStatistics? Statistics { get; init; }
}

/// <summary>One stretch of speech or one caption cue.</summary>
/// <param name="AvgLogProb">Mean log-probability of the decoded tokens; null for captions.</param>
/// <param name="NoSpeechProb">The model's probability that its 30-s window held no speech; null for captions.</param>
public sealed record TranscriptSegment(
    double Start,
    double End,
    string Text,
    double? AvgLogProb = null,
    double? NoSpeechProb = null,
    IReadOnlyList<TranscriptWord>? Words = null);

/// <summary>A word and its time; <see cref="Approximate"/> when spread by character count rather than aligned.</summary>
public sealed record TranscriptWord(double Start, double End, string Text, bool Approximate);
