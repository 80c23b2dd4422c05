namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// One part of a file decoded by its own ffmpeg: frames from <paramref name="DecodeFrom"/> (analysed-frame
/// index) for <paramref name="DecodeCount"/> frames (null: to the end); only cuts in
/// [<paramref name="AcceptFrom"/>, <paramref name="AcceptTo"/>) are kept. The decoded margin before and after
/// that range lets the detectors' state (last cut, gradual runs, still stretches) match a single pass.
/// </summary>
internal sealed record AnalysisSegment(int DecodeFrom, int? DecodeCount, int AcceptFrom, int AcceptTo)
{
    /// <summary>A part is decoded only when it is at least this long: the margins and the seek cost little against it.</summary>
    public const double MinimumSeconds = 60;

    /// <summary>At most this many decoders at once.</summary>
    public const int MaximumCount = 8;

    /// <summary>
    /// Splits about <paramref name="expectedFrames"/> frames into one part per processor (fewer, so that none
    /// is under <paramref name="minimumSeconds"/>), each decoded with <paramref name="marginFrames"/> more on
    /// both sides. The last part runs to the end of the stream whatever the probe said.
    /// </summary>
    public static IReadOnlyList<AnalysisSegment> Plan(int expectedFrames, double fps, int marginFrames, int processors, double minimumSeconds = MinimumSeconds)
    {
        var byLength = (int)(expectedFrames / (minimumSeconds * fps));
        var count = Math.Clamp(Math.Min(processors, byLength), 1, MaximumCount);
        var segments = new List<AnalysisSegment>(count);
        for (var i = 0; i < count; i++)
        {
            var acceptFrom = (int)((long)expectedFrames * i / count);
            var last = i == count - 1;
            var acceptTo = last ? int.MaxValue : (int)((long)expectedFrames * (i + 1) / count);
            var decodeFrom = Math.Max(0, acceptFrom - marginFrames);
            segments.Add(new AnalysisSegment(decodeFrom, last ? null : acceptTo + marginFrames - decodeFrom, acceptFrom, acceptTo));
        }

        return segments;
    }
}
