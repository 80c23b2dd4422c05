namespace Gilgamesh.Modules.Highlights.Exports;

/// <summary>
/// The original media every export references (never a rendered copy), so an editor can move every cut.
/// The frame rate is a fraction (<c>30000/1001</c>) because timelines count frames.
/// </summary>
internal sealed record ReelSource(string Path, double DurationSeconds, int Width, int Height, int FrameRateNumerator, int FrameRateDenominator, bool HasAudio = true)
{
    public string Name => System.IO.Path.GetFileName(Path);

    public Uri FileUri => new(System.IO.Path.GetFullPath(Path));

    public double FramesPerSecond => (double)FrameRateNumerator / FrameRateDenominator;

    /// <summary>The nearest frame to a time; export times are these frames, so they differ from the clip's by at most half a frame.</summary>
    public long Frame(double seconds) => (long)Math.Round(seconds * FrameRateNumerator / FrameRateDenominator, MidpointRounding.AwayFromZero);

    public long DurationFrames => Frame(DurationSeconds);
}
