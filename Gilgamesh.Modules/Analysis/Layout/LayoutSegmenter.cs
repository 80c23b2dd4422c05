namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>
/// Joins per-window observations into segments of one layout. A single window that differs from equal
/// neighbours on both sides is a blip (a slide transition, someone walking through the inset) and is
/// absorbed. Each change time is then refined to the sampled frame with the largest picture change
/// near the boundary, when that change stands out (a cut); otherwise the window boundary stands.
/// Segment rectangles are per-coordinate medians over their windows.
/// </summary>
internal static class LayoutSegmenter
{
    public static (List<LayoutSegment> Segments, List<LayoutChange> Changes) Build(
        IReadOnlyList<LayoutObservation> windows, IReadOnlyList<(double Time, double Difference)> frameDifferences, double duration)
    {
        var labels = windows.Select(Label).ToArray();
        for (var i = 1; i < labels.Length - 1; i++)
        {
            if (labels[i] != labels[i - 1] && labels[i - 1] == labels[i + 1]) labels[i] = labels[i - 1];
        }

        var runs = new List<(int First, int Last)>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (i == 0 || labels[i] != labels[i - 1]) runs.Add((i, i));
            else runs[^1] = (runs[^1].First, i);
        }

        var boundaries = new double[runs.Count + 1];
        boundaries[0] = 0;
        boundaries[^1] = duration;
        for (var r = 1; r < runs.Count; r++)
        {
            var window = windows[runs[r].First];
            boundaries[r] = Refine(window.Start, window.Start - (window.End - window.Start), window.End, frameDifferences);
        }

        var segments = new List<LayoutSegment>();
        for (var r = 0; r < runs.Count; r++)
        {
            var members = windows.Skip(runs[r].First).Take(runs[r].Last - runs[r].First + 1).Where(w => Label(w) == labels[runs[r].First]).ToList();
            if (members.Count == 0) members = [windows[runs[r].First]];
            var first = members[0];
            segments.Add(new LayoutSegment(Math.Round(boundaries[r], 3), Math.Round(boundaries[r + 1], 3), first.Layout, first.Corner,
                Math.Round(members.Average(m => m.Confidence), 3),
                Median(members.Where(m => m.Slide is not null).Select(m => (m.Slide!.Value, m.SlideConfidence)).ToList()),
                Median(members.Where(m => m.Camera is not null).Select(m => (m.Camera!.Value, m.CameraConfidence)).ToList()),
                Math.Round(members.Average(m => m.StaticBackground), 3)));
        }

        var changes = segments.Skip(1).Select((s, i) => new LayoutChange(s.Start, segments[i].Layout, s.Layout)).ToList();
        return (segments, changes);
    }

    private static string Label(LayoutObservation o) => o.Layout + "/" + o.Corner;

    private static double Refine(double boundary, double from, double to, IReadOnlyList<(double Time, double Difference)> differences)
    {
        var near = differences.Where(d => d.Time > from && d.Time < to).ToList();
        if (near.Count < 3) return boundary;
        var best = near.MaxBy(d => d.Difference);
        var typical = near.Select(d => d.Difference).Order().ElementAt(near.Count / 2);
        return best.Difference > 2 * typical + 0.5 ? best.Time : boundary;
    }

    private static LayoutRegion? Median(List<(NormalizedRect Rect, double Confidence)> rects)
    {
        if (rects.Count == 0) return null;
        static double Mid(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }
        var rect = new NormalizedRect(Mid(rects.Select(r => r.Rect.X)), Mid(rects.Select(r => r.Rect.Y)),
            Mid(rects.Select(r => r.Rect.Width)), Mid(rects.Select(r => r.Rect.Height)));
        return LayoutRegion.From(rect, rects.Average(r => r.Confidence));
    }
}
