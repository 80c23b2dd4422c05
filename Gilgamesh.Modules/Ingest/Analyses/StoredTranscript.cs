using System.Text.Json.Serialization;
using Gilgamesh.Modules.Analysis.Speech;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>A transcript as stored and answered by ingest (snake_case, like the rest of the URL service contract).</summary>
internal sealed record StoredTranscript(
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("segments")] IReadOnlyList<StoredTranscriptSegment> Segments)
{
    public static StoredTranscript From(Transcript transcript) => new(
        transcript.Language,
        transcript.Source,
        transcript.Text,
        transcript.Segments.Select(s => new StoredTranscriptSegment(
            Math.Round(s.Start, 3), Math.Round(s.End, 3), s.Text, s.AvgLogProb, s.NoSpeechProb,
            s.Words?.Select(w => new StoredTranscriptWord(Math.Round(w.Start, 3), Math.Round(w.End, 3), w.Text, w.Approximate)).ToList()))
            .ToList());
}

internal sealed record StoredTranscriptSegment(
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("end")] double End,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("avg_logprob"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? AvgLogProb,
    [property: JsonPropertyName("no_speech_prob"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? NoSpeechProb,
    [property: JsonPropertyName("words"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<StoredTranscriptWord>? Words);

internal sealed record StoredTranscriptWord(
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("end")] double End,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("approximate")] bool Approximate);
