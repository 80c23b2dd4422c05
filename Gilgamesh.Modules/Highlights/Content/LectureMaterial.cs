namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// Everything stage 1 found about a lecture, in the plain shapes content analysis reads: sentences (from the
/// transcript or the slides), slide showings, silences (null when the media has no audio) and the active
/// stretches with their levels.
/// </summary>
internal sealed record LectureMaterial(
    double DurationSeconds,
    IReadOnlyList<LectureSentence> Sentences,
    IReadOnlyList<LectureSlide> Slides,
    IReadOnlyList<TimeInterval>? Silences,
    IReadOnlyList<SpeechStretch> Speech,
    string TranscriptSource);
