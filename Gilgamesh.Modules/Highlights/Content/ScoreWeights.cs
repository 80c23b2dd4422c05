namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// How much each feature adds to a score (the positive weights sum to 1, so a score is 0–1). Cue phrases and
/// slide titles weigh most: they are the lecturer's own signal of what matters.
/// </summary>
internal sealed record ScoreWeights(
    double Salience = 0.25,
    double TitleOverlap = 0.20,
    double CuePhrase = 0.30,
    double Question = 0.10,
    double Energy = 0.075,
    double Rate = 0.075,
    double SilencePenalty = 0.20)
{
    public static ScoreWeights Default { get; } = new();
}
