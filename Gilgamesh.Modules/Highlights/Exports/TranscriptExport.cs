using System.Text.Json;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Highlights.Content;

namespace Gilgamesh.Modules.Highlights.Exports;

/// <summary>
/// The transcript as SRT and WebVTT (one cue per sentence, written by the speech engine's
/// <see cref="Captions"/>) and as JSON with sentences and their words.
/// </summary>
internal static class TranscriptExport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Transcript AsTranscript(IReadOnlyList<LectureSentence> sentences, string source) =>
        new(null, sentences.Select(s => new TranscriptSegment(s.Start, s.End, s.Text,
            Words: s.Words.Select(w => new TranscriptWord(w.Start, w.End, w.Text, s.WordsApproximate)).ToList())).ToList(), source);

    public static string Srt(IReadOnlyList<LectureSentence> sentences, string source) => Captions.ToSrt(AsTranscript(sentences, source));

    public static string Vtt(IReadOnlyList<LectureSentence> sentences, string source) => Captions.ToVtt(AsTranscript(sentences, source));

    public static string ToJson(IReadOnlyList<LectureSentence> sentences, string source) => JsonSerializer.Serialize(new
    {
        source,
        sentences = sentences.Select(s => new
        {
            start = s.Start,
            end = s.End,
            text = s.Text,
            wordsApproximate = s.WordsApproximate,
            words = s.Words.Select(w => new { start = w.Start, end = w.End, text = w.Text }),
        }),
    }, Json);
}
