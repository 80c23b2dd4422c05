using System.Globalization;
using System.Text;

namespace Gilgamesh.Modules.Kernel.Media.Render.Composition;

/// <summary>The <c>-filter_complex</c> graph of a layout (pure); its output pad is <c>[v]</c>.</summary>
internal static class CompositionFilter
{
    public static string Build(Canvas canvas, CompositionLayout layout) => layout switch
    {
        StackedLayout stacked => Stacked(canvas, stacked),
        SingleRegionLayout single when single.Fill == BackgroundFill.Blur => Blurred(canvas, single.Region),
        SingleRegionLayout single => Invariant($"[0:v]{Crop(single.Region)},{Fit(canvas.Width, canvas.Height)},setsar=1[v]"),
        MovingCropLayout moving => Moving(canvas, moving),
        _ => throw new ArgumentException($"unknown layout {layout.GetType().Name}", nameof(layout)),
    };

    private static string Stacked(Canvas canvas, StackedLayout layout)
    {
        if (layout.TopShare is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(layout), layout.TopShare, "the top panel's share of the height is between 0 and 1");
        }

        var top = Even(canvas.Height * layout.TopShare);
        var bottom = canvas.Height - top;
        return Invariant($"[0:v]split=2[a][b];[a]{Crop(layout.Top)},{Fit(canvas.Width, top)}[top];[b]{Crop(layout.Bottom)},{Fit(canvas.Width, bottom)}[bottom];")
               + "[top][bottom]vstack=inputs=2,setsar=1[v]";
    }

    // The background is the same region enlarged to cover the canvas and blurred; the region itself fits on top.
    private static string Blurred(Canvas canvas, Region region) =>
        Invariant($"[0:v]{Crop(region)},split=2[fg][bg];[bg]scale={canvas.Width}:{canvas.Height}:force_original_aspect_ratio=increase,crop={canvas.Width}:{canvas.Height},boxblur=20:2[blurred];") +
        Invariant($"[fg]scale={canvas.Width}:{canvas.Height}:force_original_aspect_ratio=decrease:force_divisible_by=2[fitted];[blurred][fitted]overlay=(W-w)/2:(H-h)/2,setsar=1[v]");

    private static string Moving(Canvas canvas, MovingCropLayout layout)
    {
        var path = layout.Path;
        if (path.Count == 0)
        {
            throw new ArgumentException("a moving crop needs at least one keyframe", nameof(layout));
        }

        var size = (path[0].Window.Width, path[0].Window.Height);
        if (path.Any(k => (k.Window.Width, k.Window.Height) != size))
        {
            throw new ArgumentException("every keyframe of a moving crop has the same window size (only the position moves)", nameof(layout));
        }

        if (path.Zip(path.Skip(1)).Any(p => p.Second.Time.Milliseconds <= p.First.Time.Milliseconds))
        {
            throw new ArgumentException("moving crop keyframes must be in strictly increasing time order", nameof(layout));
        }

        var x = PathExpression(path, k => k.Window.X);
        var y = PathExpression(path, k => k.Window.Y);
        // exact=1: no rounding of x/y to the chroma grid, which would move the window in 2-px steps.
        return Invariant($"[0:v]crop=w={size.Width}:h={size.Height}:x='{x}':y='{y}':exact=1,{Fit(canvas.Width, canvas.Height)},setsar=1[v]");
    }

    /// <summary>
    /// Piecewise-linear position over time as an ffmpeg expression: a balanced tree of <c>if(lt(t,T),…,…)</c> over the
    /// segments (log2(n) deep, under the parser's nesting limit), each segment interpolating with a clipped fraction,
    /// so the value holds before the first and after the last keyframe. A coordinate that never changes is a constant.
    /// </summary>
    public static string PathExpression(IReadOnlyList<CropKeyframe> path, Func<CropKeyframe, int> value)
    {
        if (path.Select(value).Distinct().Count() == 1)
        {
            return value(path[0]).ToString(CultureInfo.InvariantCulture);
        }

        var text = new StringBuilder();
        AppendSegments(text, path, value, 0, path.Count - 1);
        return text.ToString();
    }

    private static void AppendSegments(StringBuilder text, IReadOnlyList<CropKeyframe> path, Func<CropKeyframe, int> value, int from, int to)
    {
        if (to - from == 1)
        {
            var (a, b) = (path[from], path[to]);
            var delta = value(b) - value(a);
            text.Append(delta == 0
                ? Invariant($"{value(a)}")
                : Invariant($"{value(a)}+({delta})*clip((t-{a.Time})/{(b.Time.Milliseconds - a.Time.Milliseconds) / 1000m:0.000},0,1)"));
            return;
        }

        var middle = (from + to) / 2;
        text.Append(Invariant($"if(lt(t,{path[middle].Time}),"));
        AppendSegments(text, path, value, from, middle);
        text.Append(',');
        AppendSegments(text, path, value, middle, to);
        text.Append(')');
    }

    private static string Crop(Region r) => Invariant($"crop={r.Width}:{r.Height}:{r.X}:{r.Y}");

    // Fit inside the panel keeping the aspect ratio, centred on black.
    private static string Fit(int width, int height) => Invariant(
        $"scale={width}:{height}:force_original_aspect_ratio=decrease:force_divisible_by=2,pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:black");

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
