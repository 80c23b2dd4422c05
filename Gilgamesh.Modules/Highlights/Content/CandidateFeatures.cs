namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// What a candidate clip is scored on, each in plain units so a reason can quote it.
/// <see cref="Salience"/>: mean TF-IDF of its five heaviest terms, divided by the lecture's highest (0–1).
/// <see cref="TitleOverlap"/>: share of the overlapping slide's title terms it says (0–1).
/// <see cref="EnergyDb"/>: its speech level minus the lecture's (dB). <see cref="WordsPerSecond"/> against
/// <see cref="LectureWordsPerSecond"/>. <see cref="SilenceRatio"/>: share of its span that is silence.
/// </summary>
internal sealed record CandidateFeatures(
    double Salience,
    IReadOnlyList<string> SalientTerms,
    double TitleOverlap,
    string? SlideTitle,
    IReadOnlyList<string> CuePhrases,
    int Questions,
    double? EnergyDb,
    double WordsPerSecond,
    double LectureWordsPerSecond,
    double SilenceRatio);
