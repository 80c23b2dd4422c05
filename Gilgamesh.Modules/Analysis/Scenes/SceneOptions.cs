using System.Globalization;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Settings of the scene engine. Content defaults follow PySceneDetect's ContentDetector (threshold 27
/// on a 0–255 HSV delta) on 160 px wide frames (content scores barely change with size, decoding cost
/// does); gradual transitions are looked for by comparing frames one <see cref="GradualWindowSeconds"/>
/// apart. Slides defaults: 5 fps gray frames up to 1280 px wide, a cut when at least 0.03% of pixels change
/// by more than 32 levels (one 24 px text line on 720p changes about 0.15%). Mixed mode uses the content
/// defaults and <see cref="SlideThreshold"/>: % of the 160 px frame's pixels whose value moved by more
/// than <see cref="PixelDelta"/> (one changed 28 px line of a 720p slide: about 0.5%). <see cref="Decoders"/>:
/// how many parts of a long file are decoded at once (default one per processor; 1 keeps one ffmpeg).
/// </summary>
internal sealed record SceneOptions(
    SceneMode Mode = SceneMode.Content,
    double? Threshold = null,
    double GradualThreshold = 24,
    double GradualWindowSeconds = 1.0,
    double? MinSceneSeconds = null,
    int? Width = null,
    double? Fps = null,
    int PixelDelta = 32,
    string? KeyframesDirectory = null,
    double SlideThreshold = 0.1,
    int? Decoders = null)
{
    /// <summary>
    /// Mixed mode: a slide change needs this long without another step on either side. A ticking clock
    /// or counter steps once a second; a presenter leaves a slide up for longer.
    /// </summary>
    public const double SlideStillSeconds = 1.0;

    /// <summary>The shortest part decoded by its own ffmpeg (see <see cref="AnalysisSegment"/>); lower only to test splitting on short files.</summary>
    public double MinimumSegmentSeconds { get; init; } = AnalysisSegment.MinimumSeconds;

    /// <summary><c>--keyframes-by auto|seek|pass</c>: null lets <see cref="KeyframePlan"/> choose; true one pass; false a seek per image.</summary>
    public bool? KeyframesOnePass { get; init; }

    public double EffectiveThreshold => Threshold ?? (Mode == SceneMode.Slides ? 0.03 : 27);

    public double EffectiveMinSceneSeconds => MinSceneSeconds ?? (Mode == SceneMode.Slides ? 1.0 : 0.6);

    public int EffectiveWidth => Width ?? (Mode == SceneMode.Slides ? 1280 : 160);

    public static SceneOptions Parse(IReadOnlyDictionary<string, string> o)
    {
        var mode = o.TryGetValue("mode", out var m)
            ? m.ToLowerInvariant() switch
            {
                "content" => SceneMode.Content,
                "slides" => SceneMode.Slides,
                "mixed" => SceneMode.Mixed,
                _ => throw new GilgameshException(ErrorCodes.InvalidRequest, $"--mode is content, slides or mixed, got '{m}'", 400),
            }
            : SceneMode.Content;
        var defaults = new SceneOptions();
        return new SceneOptions(
            mode,
            Optional(o, "threshold"),
            Optional(o, "gradual-threshold") ?? defaults.GradualThreshold,
            Optional(o, "gradual-window") ?? defaults.GradualWindowSeconds,
            Optional(o, "min-scene"),
            (int?)Optional(o, "width"),
            Optional(o, "fps"),
            (int?)Optional(o, "pixel-delta") ?? defaults.PixelDelta,
            o.TryGetValue("keyframes", out var k) ? Path.GetFullPath(k) : null,
            Optional(o, "slide-threshold") ?? defaults.SlideThreshold,
            Optional(o, "decoders") is { } d ? Math.Max(1, (int)d) : null)
        {
            KeyframesOnePass = o.TryGetValue("keyframes-by", out var by)
                ? by.ToLowerInvariant() switch
                {
                    "auto" => null,
                    "pass" => true,
                    "seek" => false,
                    _ => throw new GilgameshException(ErrorCodes.InvalidRequest, $"--keyframes-by is auto, seek or pass, got '{by}'", 400),
                }
                : null,
        };
    }

    private static double? Optional(IReadOnlyDictionary<string, string> o, string name) =>
        !o.TryGetValue(name, out var text) ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0 ? v
        : throw new GilgameshException(ErrorCodes.InvalidRequest, $"--{name} expects a non-negative number, got '{text}'", 400);
}
