namespace Gilgamesh.Modules.Choreography.Generation;

/// <summary>A span of beats filled as one unit: 8 counts from a downbeat, cut short where a section starts or the song ends.</summary>
internal sealed record Phrase(int Index, int StartBeat, int Beats, int Section, double Energy);

/// <summary>
/// Splits a grid into phrases. Beat boundaries are the beats plus one extrapolated beat after the last when
/// it still falls inside the song; phrases start at the first downbeat and every 8 beats after it, and
/// restart at every section start, so a section change always falls on a phrase boundary.
/// </summary>
internal static class PhrasePlan
{
    public const int PhraseBeats = 8;

    public static double[] Boundaries(BeatGrid grid, double tolerance)
    {
        var beats = grid.Beats;
        if (beats.Length < 2) return beats;
        var next = beats[^1] + (beats[^1] - beats[^2]);
        return next <= grid.Duration + tolerance ? [.. beats, Math.Min(next, grid.Duration)] : beats;
    }

    public static List<Phrase> Split(BeatGrid grid, int spans)
    {
        var phrases = new List<Phrase>();
        var sectionStarts = grid.SectionStarts.Where(s => s > grid.FirstDownbeat && s < spans).Order().ToArray();
        var start = grid.FirstDownbeat;
        while (start < spans)
        {
            var end = Math.Min(start + PhraseBeats, spans);
            var cut = sectionStarts.FirstOrDefault(s => s > start && s < end);
            if (cut > 0) end = cut;
            var section = sectionStarts.Count(s => s <= start);
            var energy = grid.Energy.Length >= end ? grid.Energy[start..end].Average() : 0.5;
            phrases.Add(new Phrase(phrases.Count, start, end - start, section, energy));
            start = end;
        }

        return phrases;
    }
}
