using Gilgamesh.Modules.Analysis.Silence;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Cuts long audio into Whisper windows at silences from the silence engine instead of blindly every 30 s:
/// each cut goes in the middle of the latest silence that keeps the chunk within 30 s (clamped to the
/// part of the silence in reach), so words are not split. Only where no silence starts within reach is
/// the cut a hard one at 30 s. Long silences become chunks of their own, marked silent and never decoded.
/// </summary>
internal static class SpeechChunkPlanner
{
    public const double MaxChunkSeconds = 30.0;

    /// <param name="minChunkSeconds">Silences earlier than this into a chunk are not used (too-short chunks lose context).</param>
    /// <summary>
    /// Only silences at or below this level (dBFS) are skipped undecoded: the adaptive threshold calls the
    /// quieter parts of any file "silence", and a steady tone or music bed is not nothing to hear. Every
    /// silence is still a good place to cut.
    /// </summary>
    public const double QuietDb = -40;

    public static IReadOnlyList<SpeechChunk> Plan(double duration, IReadOnlyList<AudioInterval> silences, double maxChunkSeconds = MaxChunkSeconds, double minChunkSeconds = 5.0)
    {
        var quiet = silences.Where(s => s.MeanDb <= QuietDb).ToList();
        var chunks = new List<SpeechChunk>();
        var start = 0.0;
        while (duration - start > 1e-6)
        {
            double end;
            var hard = false;
            var inside = quiet.FirstOrDefault(s => s.Start <= start && s.End - start > minChunkSeconds);
            if (inside is not null)
            {
                // A long silence: skip it in one silent chunk, cut just before speech resumes (still inside it).
                end = Math.Round(Math.Min(inside.End - Math.Min(0.25, (inside.End - start) / 2), start + maxChunkSeconds), 3);
                chunks.Add(new SpeechChunk(start, end, false, true));
                start = end;
                continue;
            }
            if (duration - start <= maxChunkSeconds)
            {
                end = duration;
            }
            else
            {
                var reach = start + maxChunkSeconds;
                var candidate = silences
                    .Where(s => s.End > start + minChunkSeconds && s.Start < reach && s.End > s.Start)
                    .OrderByDescending(s => s.Start)
                    .FirstOrDefault();
                if (candidate is null)
                {
                    end = reach;
                    hard = true;
                }
                else
                {
                    var from = Math.Max(candidate.Start, Math.Max(start, start + minChunkSeconds / 2));
                    var to = Math.Min(candidate.End, reach);
                    end = Math.Round((from + to) / 2, 3);
                    if (end <= start) { end = reach; hard = true; }
                }
            }
            chunks.Add(new SpeechChunk(start, end, hard, quiet.Any(s => s.Start <= start && s.End >= end)));
            start = end;
        }
        return chunks;
    }
}
