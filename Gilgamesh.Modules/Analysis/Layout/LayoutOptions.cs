namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>
/// Sampling for layout analysis. 4 fps over 1 s windows gives each window 4 frame differences: enough for
/// a per-pixel median that ignores a slide change or a cut, and a switch located to the window (±1 s) and
/// refined to the frame. 320x180 keeps a camera inset of 20% width at 64 px, plenty for rectangle fitting.
/// </summary>
internal sealed record LayoutOptions
{
    public double SampleFps { get; init; } = 4;
    public double WindowSeconds { get; init; } = 1;
    public int AnalysisWidth { get; init; } = 320;
    public int AnalysisHeight { get; init; } = 180;

    /// <summary>Mean absolute luma change (0..255, 5x5 neighbourhood) above which a pixel is "live" (camera noise or motion).</summary>
    public double ActivityThreshold { get; init; } = 1.5;
}
