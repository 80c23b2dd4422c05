using Gilgamesh.Modules.Analysis.Silence;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>What the guards did to one transcription (also printed with the transcript).</summary>
public sealed record TranscriptStatistics(
    string Engine,
    int ChunksDecoded,
    int ChunksSkippedNonSpeech,
    int SegmentsDroppedOutsideSpeech,
    int LoopsCut,
    int RepeatedSegmentsDropped,
    int PromptedChunks);

/// <summary>
/// Hallucination guards applied after either engine (the decoders apply faster-whisper's no-speech,
/// log-probability and compression-ratio rules with temperature fallback themselves): a segment that does
/// not overlap the VAD's speech by at least <see cref="MinSpeechOverlap"/> of its length is dropped (text
/// over music, applause or room noise); word loops inside a segment are cut (<see cref="RepetitionGuard"/>);
/// a segment of three or more words repeating the previous one's text word for word is dropped.
/// </summary>
internal static class SpeechGuards
{
    public const double MinSpeechOverlap = 0.2;

    public sealed class Counts
    {
        public int DroppedOutsideSpeech;
        public int LoopsCut;
        public int RepeatedSegments;
    }

    public static bool OutsideSpeech(double start, double end, IReadOnlyList<AudioInterval>? speech)
    {
        if (speech is null) return false;
        var length = end - start;
        if (length <= 0) return !speech.Any(s => s.Start <= start && s.End >= end);
        var overlap = speech.Sum(s => Math.Max(0, Math.Min(s.End, end) - Math.Max(s.Start, start)));
        return overlap < MinSpeechOverlap * length;
    }

    /// <summary>The segment after the guards, or null when dropped.</summary>
    public static TranscriptSegment? Apply(TranscriptSegment segment, TranscriptSegment? previous, IReadOnlyList<AudioInterval>? speech, Counts counts)
    {
        if (OutsideSpeech(segment.Start, segment.End, speech))
        {
            counts.DroppedOutsideSpeech++;
            return null;
        }
        var (text, cut) = RepetitionGuard.Cut(segment.Text);
        if (cut)
        {
            counts.LoopsCut++;
            segment = segment with { Text = text, Words = ApproximateWords.Spread(segment.Start, segment.End, text) };
        }
        if (previous is not null && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 && string.Equals(Normalise(previous.Text), Normalise(text), StringComparison.Ordinal))
        {
            counts.RepeatedSegments++;
            return null;
        }
        return segment;
    }

    private static string Normalise(string text) => new string(text.Where(c => char.IsLetterOrDigit(c) || c == ' ').ToArray()).Trim().ToLowerInvariant();
}
