namespace Gilgamesh.Modules.Choreography.Descriptions;

/// <summary>An analysed song in the library as the chooser sees it: tempo, mean energy 0–1, duration.</summary>
internal sealed record SongCandidate(Guid MediaId, string Name, double Bpm, double Energy, double DurationSeconds);

/// <summary>
/// Picks the library song that best fits a description: tempo distance (relative; a song at half or double
/// the wanted tempo counts as 15 % off, since dancers count it either way), energy distance, then duration
/// distance (relative, weighted least); ties by id, so the choice is stable.
/// </summary>
internal static class SongChooser
{
    public static (SongCandidate Song, string Reason)? Choose(IEnumerable<SongCandidate> songs, RoutineParameters wanted)
    {
        var scored = songs.Select(s => (Song: s, Cost: Cost(s, wanted))).OrderBy(x => x.Cost).ThenBy(x => x.Song.MediaId).FirstOrDefault();
        if (scored.Song is null) return null;
        var s = scored.Song;
        var reason = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{s.Name}: {s.Bpm:0.#} BPM (wanted {(wanted.Bpm is { } b ? b.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) : "any")}), energy {s.Energy:0.00} (wanted {(wanted.Energy is { } e ? e.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "any")}), {s.DurationSeconds:0} s");
        return (s, reason);
    }

    private static double Cost(SongCandidate song, RoutineParameters wanted)
    {
        var cost = 0.0;
        if (wanted.Bpm is { } bpm && song.Bpm > 0)
        {
            var direct = Math.Abs(song.Bpm - bpm) / bpm;
            var octave = Math.Min(Math.Abs(song.Bpm * 2 - bpm), Math.Abs(song.Bpm / 2 - bpm)) / bpm + 0.15;
            cost += 2 * Math.Min(direct, octave);
        }

        if (wanted.Energy is { } energy) cost += Math.Abs(song.Energy - energy);
        if (wanted.DurationSeconds is { } seconds && seconds > 0) cost += 0.3 * Math.Abs(song.DurationSeconds - seconds) / seconds;
        return cost;
    }
}
