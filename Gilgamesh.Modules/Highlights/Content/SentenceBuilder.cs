using Gilgamesh.Modules.Analysis.Speech;

namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// Sentences with word times from a transcript (measured words when the engine gave them, otherwise each
/// cue's span shared out by characters and marked approximate), or one "sentence" per slide when there is
/// no transcript at all. A sentence ends at a word ending in <c>. ? !</c> (not a decimal or an initial) or
/// at the end of the transcript.
/// </summary>
internal static class SentenceBuilder
{
    public static IReadOnlyList<LectureSentence> FromTranscript(Transcript transcript)
    {
        var words = new List<(TranscriptWord Word, bool Approximate)>();
        foreach (var segment in transcript.Segments)
        {
            if (segment.Words is { Count: > 0 } measured)
            {
                words.AddRange(measured.Select(w => (w, w.Approximate)));
            }
            else if (segment.Text.Trim().Length > 0)
            {
                words.AddRange(ApproximateWords.Spread(segment.Start, segment.End, segment.Text).Select(w => (w, true)));
            }
        }

        var sentences = new List<LectureSentence>();
        var current = new List<(TranscriptWord Word, bool Approximate)>();
        foreach (var entry in words)
        {
            current.Add(entry);
            if (EndsSentence(entry.Word.Text))
            {
                sentences.Add(Sentence(sentences.Count, current));
                current = [];
            }
        }
        if (current.Count > 0) sentences.Add(Sentence(sentences.Count, current));
        return sentences;
    }

    /// <summary>No transcript: each slide showing is one sentence spanning the slide, its words spread over it.</summary>
    public static IReadOnlyList<LectureSentence> FromSlides(IReadOnlyList<LectureSlide> slides)
    {
        var sentences = new List<LectureSentence>();
        foreach (var slide in slides.OrderBy(s => s.Start))
        {
            var text = string.Join(' ', slide.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length == 0) continue;
            var words = ApproximateWords.Spread(slide.Start, slide.End, text).Select(w => new LectureWord(w.Start, w.End, w.Text)).ToList();
            sentences.Add(new LectureSentence(sentences.Count, slide.Start, slide.End, text, words, WordsApproximate: true));
        }
        return sentences;
    }

    private static LectureSentence Sentence(int index, List<(TranscriptWord Word, bool Approximate)> words)
    {
        var lectureWords = words.Select(w => new LectureWord(w.Word.Start, w.Word.End, w.Word.Text.Trim())).ToList();
        var text = string.Join(' ', lectureWords.Select(w => w.Text));
        return new LectureSentence(index, lectureWords[0].Start, lectureWords[^1].End, text, lectureWords, words.Any(w => w.Approximate));
    }

    private static bool EndsSentence(string word)
    {
        var trimmed = word.Trim().TrimEnd('"', '\'', ')', '\u201D', '\u2019');
        if (trimmed.Length == 0) return false;
        if (trimmed[^1] is '?' or '!' or '\u2026') return true;
        if (trimmed[^1] != '.') return false;
        // "e.g." and single initials ("J.") do not end a sentence.
        var body = trimmed.TrimEnd('.');
        return body.Length > 1 && !body.Contains('.', StringComparison.Ordinal);
    }
}
