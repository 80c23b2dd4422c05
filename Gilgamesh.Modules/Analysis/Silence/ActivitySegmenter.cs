namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// Turns the envelope into active ("speech") stretches in 1 ms blocks: decide per 10 ms window
/// (steady against single-ms noise spikes), bridge pauses shorter than the minimum silence and dips whose
/// median level stays over the floor (<paramref name="bridgeDb"/>: the unvoiced stretches inside a phrase
/// spoken just over the floor), then drop what is still shorter than the minimum speech length, then move
/// each edge to the first/last loud 1 ms block next to the deciding window, so boundaries land within a
/// few ms instead of a window. Bridging comes before the blip filter so that a word's short final
/// consonant after its stop closure joins the word instead of being dropped as a click.
/// </summary>
internal static class ActivitySegmenter
{
    /// <param name="bridgeDb">A dip whose median 10 ms level reaches this is sound, however long; null: only short dips are bridged.</param>
    public static List<(int StartBlock, int EndBlock)> Segment(LoudnessEnvelope envelope, double thresholdDb, double? bridgeDb, SilenceOptions options)
    {
        var windowSeconds = envelope.BlockSeconds * LoudnessEnvelope.BlocksPerWindow;
        var minSpeechWindows = (int)Math.Ceiling(options.MinSpeechSeconds / windowSeconds - 1e-9);
        var minSilenceWindows = (int)Math.Ceiling(options.MinSilenceSeconds / windowSeconds - 1e-9);

        var runs = new List<(int Start, int End)>();
        var start = -1;
        for (var w = 0; w <= envelope.WindowCount; w++)
        {
            var loud = w < envelope.WindowCount && envelope.WindowDb(w) >= thresholdDb;
            if (loud && start < 0)
            {
                start = w;
            }
            else if (!loud && start >= 0)
            {
                runs.Add((start, w));
                start = -1;
            }
        }

        var bridged = new List<(int Start, int End)>();
        foreach (var run in runs)
        {
            if (bridged.Count > 0 && (run.Start - bridged[^1].End < minSilenceWindows || AboveFloor(envelope, bridged[^1].End, run.Start, bridgeDb)))
            {
                bridged[^1] = (bridged[^1].Start, run.End);
            }
            else
            {
                bridged.Add(run);
            }
        }

        var merged = bridged.Where(r => r.End - r.Start >= minSpeechWindows).ToList();

        // Pauses at the very start or end shorter than the minimum silence are not silences either.
        if (merged.Count > 0 && merged[0].Start < minSilenceWindows)
        {
            merged[0] = (0, merged[0].End);
        }

        if (merged.Count > 0 && envelope.WindowCount - merged[^1].End < minSilenceWindows)
        {
            merged[^1] = (merged[^1].Start, envelope.WindowCount);
        }

        return merged.Select(r => (RefineStart(envelope, r.Start, thresholdDb), RefineEnd(envelope, r.End, thresholdDb))).ToList();
    }

    private static bool AboveFloor(LoudnessEnvelope envelope, int from, int to, double? bridgeDb)
    {
        if (bridgeDb is not { } level)
        {
            return false;
        }

        var levels = new double[to - from];
        for (var w = from; w < to; w++)
        {
            levels[w - from] = envelope.WindowDb(w);
        }

        Array.Sort(levels);
        return levels[levels.Length / 2] >= level;
    }

    private static int RefineStart(LoudnessEnvelope envelope, int window, double thresholdDb)
    {
        var from = Math.Max(0, (window - 1) * LoudnessEnvelope.BlocksPerWindow);
        var to = Math.Min(envelope.BlockCount, (window + 1) * LoudnessEnvelope.BlocksPerWindow);
        for (var b = from; b < to; b++)
        {
            if (envelope.BlockDb(b) >= thresholdDb)
            {
                return b;
            }
        }

        return window * LoudnessEnvelope.BlocksPerWindow;
    }

    private static int RefineEnd(LoudnessEnvelope envelope, int endWindow, double thresholdDb)
    {
        var from = Math.Max(0, (endWindow - 1) * LoudnessEnvelope.BlocksPerWindow);
        var to = Math.Min(envelope.BlockCount, (endWindow + 1) * LoudnessEnvelope.BlocksPerWindow);
        for (var b = to - 1; b >= from; b--)
        {
            if (envelope.BlockDb(b) >= thresholdDb)
            {
                return b + 1;
            }
        }

        return Math.Min(envelope.BlockCount, endWindow * LoudnessEnvelope.BlocksPerWindow);
    }
}
