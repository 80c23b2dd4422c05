namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// Applies the margin to active stretches (auto-editor's <c>--margin</c>: widen kept audio on both sides,
/// merging stretches that then touch) and derives silences as the exact complement, so the two lists
/// tile the file with no gap or overlap. Levels are the mean energy over each interval.
/// </summary>
internal static class IntervalBuilder
{
    public static (List<AudioInterval> Silences, List<AudioInterval> Speech) Build(
        LoudnessEnvelope envelope, List<(int StartBlock, int EndBlock)> active, double marginSeconds)
    {
        // Rounded up to whole blocks: blocks are ~1 ms (0.998 ms at 22.05 kHz), and "gaps up to twice the
        // margin close" must hold in seconds, not just in blocks.
        var marginBlocks = (int)Math.Ceiling(marginSeconds / envelope.BlockSeconds - 1e-9);
        var widened = new List<(int Start, int End)>();
        foreach (var (start, end) in active)
        {
            var s = Math.Max(0, start - marginBlocks);
            var e = Math.Min(envelope.BlockCount, end + marginBlocks);
            if (widened.Count > 0 && s <= widened[^1].End)
            {
                widened[^1] = (widened[^1].Start, Math.Max(widened[^1].End, e));
            }
            else
            {
                widened.Add((s, e));
            }
        }

        var speech = widened.Select(r => Interval(envelope, r.Start, r.End)).ToList();
        var silences = new List<AudioInterval>();
        var cursor = 0;
        foreach (var (start, end) in widened)
        {
            if (start > cursor)
            {
                silences.Add(Interval(envelope, cursor, start));
            }

            cursor = end;
        }

        if (cursor < envelope.BlockCount)
        {
            silences.Add(Interval(envelope, cursor, envelope.BlockCount));
        }

        return (silences, speech);
    }

    private static AudioInterval Interval(LoudnessEnvelope envelope, int startBlock, int endBlock)
    {
        var end = Math.Min(endBlock * envelope.BlockSeconds, envelope.DurationSeconds);
        return new AudioInterval(
            Math.Round(startBlock * envelope.BlockSeconds, 3),
            Math.Round(end, 3),
            Math.Round(Decibels.FromEnergy(envelope.MeanEnergy(startBlock, endBlock)), 1));
    }
}
