namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>Clip length bounds and cut padding for content analysis (seconds).</summary>
internal sealed record ContentOptions(double MinSeconds = 20, double MaxSeconds = 90, double PaddingSeconds = 0.25,
    double MinPauseSeconds = 0.12, double MinChapterSeconds = 10)
{
    public ScoreWeights Weights { get; init; } = ScoreWeights.Default;
}
