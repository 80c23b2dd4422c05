using Gilgamesh.Modules.Analysis.Rhythm;

namespace Gilgamesh.Modules.Choreography.Generation;

/// <summary>
/// The grid moves are fitted to: beat times, which beats are downbeats, each beat's 0–1 energy, section
/// starts (as beat indices) and the song's duration. Built from the rhythm engine, then correctable by the
/// user: <see cref="ShiftDownbeats"/> fixes "on 2", <see cref="Doubled"/> / <see cref="Halved"/> fix
/// tempo-octave errors (the top complaints about beat trackers).
/// </summary>
internal sealed record BeatGrid(double[] Beats, bool[] IsDownbeat, double[] Energy, int[] SectionStarts, double Duration)
{
    public static BeatGrid From(RhythmResult rhythm)
    {
        var beats = rhythm.Beats.Select(b => b.Time).ToArray();
        var sections = rhythm.Sections.Skip(1)
            .Select(s => Array.FindIndex(beats, t => Math.Abs(t - s.Start) < 0.1))
            .Where(i => i > 0).Distinct().ToArray();
        return new BeatGrid(beats, rhythm.Beats.Select(b => b.Position == 1).ToArray(), rhythm.Beats.Select(b => b.Energy).ToArray(), sections, rhythm.Duration);
    }

    /// <summary>A grid with known beats (a tapped or ground-truth grid): every <paramref name="beatsPerBar"/>-th beat from <paramref name="firstDownbeat"/> is a downbeat.</summary>
    public static BeatGrid Regular(double[] beats, double duration, int firstDownbeat = 0, int beatsPerBar = 4, int[]? sectionStarts = null, double[]? energy = null) =>
        new(beats, beats.Select((_, i) => i >= firstDownbeat && (i - firstDownbeat) % beatsPerBar == 0).ToArray(),
            energy ?? beats.Select(_ => 0.5).ToArray(), sectionStarts ?? [], duration);

    public double Bpm => Beats.Length < 2 ? 0 : 60 * (Beats.Length - 1) / (Beats[^1] - Beats[0]);

    public int FirstDownbeat => Math.Max(0, Array.IndexOf(IsDownbeat, true));

    /// <summary>Moves the bar grid by <paramref name="beats"/> (e.g. +1 when the tracker put the one on 2).</summary>
    public BeatGrid ShiftDownbeats(int beats)
    {
        var first = FirstDownbeat + beats;
        while (first < 0) first += 4;
        return this with { IsDownbeat = Beats.Select((_, i) => i >= first && (i - first) % 4 == 0).ToArray() };
    }

    /// <summary>The tracker found half the tempo: a beat is added halfway between each pair.</summary>
    public BeatGrid Doubled()
    {
        var n = Beats.Length;
        if (n < 2) return this;
        var beats = new double[2 * n - 1];
        var down = new bool[beats.Length];
        var energy = new double[beats.Length];
        for (var i = 0; i < n; i++)
        {
            beats[2 * i] = Beats[i];
            down[2 * i] = IsDownbeat[i] && (i - FirstDownbeat) % 2 == 0;
            energy[2 * i] = Energy[i];
            if (i + 1 < n)
            {
                beats[2 * i + 1] = (Beats[i] + Beats[i + 1]) / 2;
                energy[2 * i + 1] = (Energy[i] + Energy[i + 1]) / 2;
            }
        }

        // Downbeats were every 4 tracked beats = every 8 new beats; restore every 4.
        var first = 2 * FirstDownbeat;
        for (var i = 0; i < beats.Length; i++) down[i] = i >= first && (i - first) % 4 == 0;
        return new BeatGrid(beats, down, energy, SectionStarts.Select(s => 2 * s).ToArray(), Duration);
    }

    /// <summary>The tracker found double the tempo: every other beat (keeping the downbeats' parity) is dropped.</summary>
    public BeatGrid Halved()
    {
        var parity = FirstDownbeat % 2;
        var keep = Enumerable.Range(0, Beats.Length).Where(i => i % 2 == parity).ToArray();
        var first = Array.IndexOf(keep, FirstDownbeat);
        return new BeatGrid(keep.Select(i => Beats[i]).ToArray(), keep.Select((_, j) => j >= first && (j - first) % 4 == 0).ToArray(),
            keep.Select(i => Energy[i]).ToArray(), SectionStarts.Select(s => (s + 1 - parity) / 2).Where(s => s > 0).Distinct().ToArray(), Duration);
    }
}
