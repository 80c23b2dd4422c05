using System.Globalization;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>
/// Supplied captions must fit the media they belong to (captions timed at 99,999,999 hours on a 5-s video were taken
/// as its transcript). A cue starting after the end (with <see cref="ToleranceSeconds"/> for rounding between the
/// container's duration and the caption's) is refused with <c>captions.beyond_duration</c>; a cue that starts in
/// time but runs past the end is clipped to the end.
/// </summary>
internal static class CaptionsWithinDuration
{
    public const double ToleranceSeconds = 0.5;

    /// <returns>The transcript with ends clipped, and how many cues were clipped.</returns>
    public static (Transcript Transcript, int Clipped) Fit(Transcript transcript, double? durationSeconds)
    {
        if (durationSeconds is not { } duration || duration <= 0) return (transcript, 0);
        for (var i = 0; i < transcript.Segments.Count; i++)
        {
            var cue = transcript.Segments[i];
            if (cue.Start > duration + ToleranceSeconds)
                throw new GilgameshException(IngestErrorCodes.CaptionsBeyondDuration, string.Create(CultureInfo.InvariantCulture,
                    $"Cue {i + 1} starts at {cue.Start:0.###} s, after the media ends ({duration:0.###} s)."), 422);
        }
        var end = Math.Round(duration, 3);
        var clipped = transcript.Segments.Count(s => s.End > end);
        if (clipped == 0) return (transcript, 0);
        var segments = transcript.Segments.Select(s => s.End > end ? s with { Start = Math.Min(s.Start, end), End = end } : s).ToList();
        return (transcript with { Segments = segments }, clipped);
    }
}
