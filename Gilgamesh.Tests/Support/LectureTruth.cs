namespace Gilgamesh.Tests.Support;

/// <summary>
/// The ground truth of a generated lecture. Sentence spans are measured (first to last sample above −34 dBFS
/// of each espeak-ng utterance, placed at a known offset), so every word lies inside its sentence's span and
/// a cut outside all spans cuts no word. <see cref="Pauses"/> are the silent stretches between sentences.
/// </summary>
internal sealed record LectureTruth(
    string VideoPath,
    string CaptionsPath,
    double DurationSeconds,
    IReadOnlyList<LectureTruth.Slide> Slides,
    IReadOnlyList<LectureTruth.Sentence> Sentences)
{
    public sealed record Slide(int Index, double Start, double End, string Title, IReadOnlyList<string> Lines);

    public sealed record Sentence(int Index, int Slide, double Start, double End, string Text, bool Cue);

    /// <summary>Slide changes (every slide start but the first).</summary>
    public IEnumerable<double> SlideChanges => Slides.Skip(1).Select(s => s.Start);

    /// <summary>True when <paramref name="time"/> falls inside no sentence's speech.</summary>
    public bool InPause(double time) => !Sentences.Any(s => time > s.Start && time < s.End);

    public IReadOnlyList<(double Start, double End)> Pauses =>
        Sentences.Zip(Sentences.Skip(1), (a, b) => (a.End, b.Start)).ToList();
}
