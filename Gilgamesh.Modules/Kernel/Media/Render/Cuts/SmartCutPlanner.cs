namespace Gilgamesh.Modules.Kernel.Media.Render.Cuts;

/// <summary>
/// Decides a cut's spans from the source parameters and its key packets (pure). Frame numbers count from the
/// source's start. Copied spans run from keyframe to keyframe, so a copy always starts on a decodable frame and
/// ends where the next GOP begins; the frames before the first keyframe and after the last are re-encoded.
/// </summary>
internal static class SmartCutPlanner
{
    /// <summary>Codecs whose edges the kit can re-encode to match (libx264, libx265).</summary>
    public static readonly IReadOnlySet<string> MatchableCodecs = new HashSet<string>(StringComparer.Ordinal) { "h264", "hevc" };

    private static readonly HashSet<string> MatchablePixelFormats = new(StringComparer.Ordinal)
    {
        "yuv420p", "yuvj420p", "yuv420p10le", "yuv422p", "yuv444p",
    };

    public static SmartCutPlan Plan(SourceVideo source, KeyPackets keys, MediaTime start, MediaTime end, bool forceFullReEncode = false) =>
        PlanFrames(source, keys, source.FrameRate.FrameAtOrAfter(start.Seconds), source.FrameRate.FrameAtOrAfter(end.Seconds), forceFullReEncode);

    /// <summary>The plan for source frames <c>[startFrame, endFrame)</c>.</summary>
    public static SmartCutPlan PlanFrames(SourceVideo source, KeyPackets keys, long startFrame, long endFrame, bool forceFullReEncode = false)
    {
        var rate = source.FrameRate;
        var lastFrame = rate.FrameAtOrAfter(source.DurationSeconds);
        if (source.DurationSeconds > 0)
        {
            endFrame = Math.Min(endFrame, lastFrame);
        }

        if (endFrame <= startFrame)
        {
            throw new ArgumentOutOfRangeException(nameof(endFrame), $"the cut [{startFrame}, {endFrame}) holds no frame of the source");
        }

        var reason = forceFullReEncode ? "a full re-encode was asked for" : WhyNotMatchable(source, keys);
        var keyFrames = keys.Times.Select(t => rate.NearestFrame(t - source.StartSeconds)).ToList();
        var firstKey = keyFrames.Where(k => k >= startFrame).DefaultIfEmpty(long.MaxValue).Min();
        var lastKey = keyFrames.Where(k => k <= endFrame).DefaultIfEmpty(long.MinValue).Max();
        if (reason is null && firstKey >= lastKey)
        {
            reason = "no whole GOP inside the span (it is shorter than the keyframe interval)";
        }

        if (reason is not null)
        {
            return new SmartCutPlan(startFrame, endFrame, rate, [new CutSpan(CutSpanKind.ReEncode, startFrame, endFrame)], reason);
        }

        var spans = new List<CutSpan>();
        if (startFrame < firstKey)
        {
            spans.Add(new CutSpan(CutSpanKind.ReEncode, startFrame, firstKey));
        }

        spans.Add(new CutSpan(CutSpanKind.Copy, firstKey, lastKey));
        if (lastKey < endFrame)
        {
            spans.Add(new CutSpan(CutSpanKind.ReEncode, lastKey, endFrame));
        }

        return new SmartCutPlan(startFrame, endFrame, rate, spans, null);
    }

    /// <summary>Why a copy of the source could not be joined seamlessly with re-encoded edges, or null when it can.</summary>
    public static string? WhyNotMatchable(SourceVideo source, KeyPackets keys)
    {
        if (!MatchableCodecs.Contains(source.Codec))
        {
            return $"codec {source.Codec} cannot be matched (edges are re-encoded only for H.264 and HEVC)";
        }

        if (source.PixelFormat is null || !MatchablePixelFormats.Contains(source.PixelFormat))
        {
            return $"pixel format {source.PixelFormat ?? "unknown"} cannot be matched";
        }

        if (source.AverageFrameRate is { } average && Math.Abs(average.PerSecond - source.FrameRate.PerSecond) > 0.01)
        {
            return $"variable frame rate (average {average}, base {source.FrameRate}): frame numbers are not times";
        }

        if (source.FieldOrder is { } order && order is not ("progressive" or "unknown"))
        {
            return $"interlaced source ({order})";
        }

        if (source.Width % 2 != 0 || source.Height % 2 != 0)
        {
            return $"odd frame size {source.Width}x{source.Height}";
        }

        return keys.OpenGop ? "open GOPs (leading pictures reference the previous GOP, so a copy cannot start at a keyframe)" : null;
    }
}
