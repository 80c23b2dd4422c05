using System.Globalization;

namespace Gilgamesh.Modules.Choreography.Blueprints;

/// <summary>
/// What the schema cannot express: slots in time order without overlap and inside the song, holds inside
/// their slot, the accent inside its slot, a start beat that exists, beats ascending and inside the song.
/// Times compare with half a frame of tolerance (a renderer rounds every boundary to a frame).
/// </summary>
internal static class BlueprintTimelineRules
{
    public static List<BlueprintError> Check(Blueprint blueprint)
    {
        var errors = new List<BlueprintError>();
        var song = blueprint.Song;
        var tolerance = 0.5 / blueprint.VideoOutput.Fps;
        for (var i = 1; i < song.Beats.Count; i++)
        {
            if (song.Beats[i] <= song.Beats[i - 1]) errors.Add(new($"/song/beats/{i}", "beats must be strictly ascending"));
        }

        if (song.Beats.Count > 0 && song.Beats[^1] > song.Duration + tolerance)
        {
            errors.Add(new($"/song/beats/{song.Beats.Count - 1}", Text($"beat at {song.Beats[^1]} s is after the song's end ({song.Duration} s)")));
        }

        var previousEnd = 0.0;
        for (var i = 0; i < blueprint.MovesUsed.Count; i++)
        {
            var slot = blueprint.MovesUsed[i];
            var at = $"/moves_used/{i}";
            var end = slot.StartTime + slot.Duration;
            if (i > 0 && slot.StartTime < previousEnd - tolerance)
            {
                errors.Add(new($"{at}/start_time", Text($"slot starts at {slot.StartTime} s, before the previous slot ends ({previousEnd} s): slots must not overlap")));
            }

            if (end > song.Duration + tolerance)
            {
                errors.Add(new($"{at}/duration", Text($"slot ends at {end} s, after the song's end ({song.Duration} s)")));
            }

            if (slot.HoldStart + slot.HoldEnd >= slot.Duration)
            {
                errors.Add(new($"{at}/hold_start", "holds must leave part of the slot for the move"));
            }

            if (slot.StartBeat >= song.Beats.Count && song.Beats.Count > 0)
            {
                errors.Add(new($"{at}/start_beat", Text($"beat {slot.StartBeat} does not exist (the song has {song.Beats.Count})")));
            }

            if (slot.AccentTime > 0 && (slot.AccentTime < slot.StartTime - tolerance || slot.AccentTime > end + tolerance))
            {
                errors.Add(new($"{at}/accent_time", "the accent must fall inside its slot"));
            }

            previousEnd = Math.Max(previousEnd, end);
        }

        return errors;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
