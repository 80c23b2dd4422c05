using Gilgamesh.Modules.Analysis.Silence;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Whisper invents text over silence ("Thank you.", subtitles credits). A segment that lies mostly (80 %)
/// inside quiet silences (<see cref="SpeechChunkPlanner.QuietDb"/>) at least <c>LongSilenceSeconds</c> long had
/// nothing to hear and is dropped.
/// </summary>
internal static class SilenceHallucinationFilter
{
    public const double InsideFraction = 0.8;

    public static bool IsHallucination(TranscriptSegment segment, IReadOnlyList<AudioInterval> silences, double longSilenceSeconds)
    {
        silences = silences.Where(s => s.MeanDb <= SpeechChunkPlanner.QuietDb).ToList();
        var length = segment.End - segment.Start;
        var overlap = silences
            .Where(s => s.End - s.Start >= longSilenceSeconds)
            .Sum(s => Math.Max(0, Math.Min(s.End, segment.End) - Math.Max(s.Start, segment.Start)));
        return length <= 0
            ? silences.Any(s => s.End - s.Start >= longSilenceSeconds && s.Start <= segment.Start && s.End >= segment.End)
            : overlap >= InsideFraction * length;
    }
}
